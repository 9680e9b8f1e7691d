using RiskRadar.Contracts.Events;

namespace RiskRadar.Contracts.Serialization;

/// <summary>Ready-made serializers for the events on the wire.</summary>
public static class EventSerializers
{
    public static JsonEventSerializer<PriceTick> PriceTick { get; } = new(ContractsJsonContext.Default.PriceTick);

    public static JsonEventSerializer<InstrumentReference> InstrumentReference { get; } = new(ContractsJsonContext.Default.InstrumentReference);

    public static JsonEventSerializer<PositionChange> PositionChange { get; } = new(ContractsJsonContext.Default.PositionChange);

    public static JsonEventSerializer<RiskAggregate> RiskAggregate { get; } = new(ContractsJsonContext.Default.RiskAggregate);

    public static JsonEventSerializer<ProvisionalRisk> ProvisionalRisk { get; } = new(ContractsJsonContext.Default.ProvisionalRisk);

    public static JsonEventSerializer<InstrumentBar> InstrumentBar { get; } = new(ContractsJsonContext.Default.InstrumentBar);

    public static JsonEventSerializer<RiskAlert> RiskAlert { get; } = new(ContractsJsonContext.Default.RiskAlert);
}
