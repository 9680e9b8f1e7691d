using RiskRadar.Contracts.Events;

namespace RiskRadar.Contracts.Serialization;

/// <summary>Ready-made serializers for the events on the wire.</summary>
public static class EventSerializers
{
    /// <summary>JSON: the latest-price cache, dead letters, anything a person may read.</summary>
    public static JsonEventSerializer<PriceTick> PriceTick { get; } = new(ContractsJsonContext.Default.PriceTick);

    /// <summary><c>market.prices</c> records: written binary, read binary or JSON (<see cref="PriceTickCodec"/>).</summary>
    public static PriceTickCodec PriceTickRecord { get; } = new();

    public static JsonEventSerializer<InstrumentReference> InstrumentReference { get; } = new(ContractsJsonContext.Default.InstrumentReference);

    public static JsonEventSerializer<PositionChange> PositionChange { get; } = new(ContractsJsonContext.Default.PositionChange);

    public static JsonEventSerializer<RiskAggregate> RiskAggregate { get; } = new(ContractsJsonContext.Default.RiskAggregate);

    public static JsonEventSerializer<ProvisionalRisk> ProvisionalRisk { get; } = new(ContractsJsonContext.Default.ProvisionalRisk);

    public static JsonEventSerializer<InstrumentBar> InstrumentBar { get; } = new(ContractsJsonContext.Default.InstrumentBar);

    public static JsonEventSerializer<RiskAlert> RiskAlert { get; } = new(ContractsJsonContext.Default.RiskAlert);
}
