using RiskRadar.Contracts.Events;

namespace RiskRadar.Contracts.Serialization;

/// <summary>Ready-made serializers for the events on the wire.</summary>
public static class EventSerializers
{
    public static JsonEventSerializer<PriceTick> PriceTick { get; } = new(ContractsJsonContext.Default.PriceTick);
}
