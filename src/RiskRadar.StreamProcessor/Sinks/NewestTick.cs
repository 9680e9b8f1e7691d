using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Sinks;

/// <summary>Which of two ticks of an instrument is its latest price: the later event time, then the higher sequence.</summary>
public static class NewestTick
{
    public static PriceTick Of(PriceTick current, PriceTick candidate) =>
        candidate.Timestamp > current.Timestamp
        || (candidate.Timestamp == current.Timestamp && candidate.Sequence > current.Sequence)
            ? candidate
            : current;
}
