using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Sinks;

/// <summary>Receives every change of an instrument's latest price.</summary>
public interface ILatestPriceSink
{
    /// <summary>Hands over a price; blocks when the sink is saturated (back-pressure onto the stream thread).</summary>
    void Publish(PriceTick tick);
}
