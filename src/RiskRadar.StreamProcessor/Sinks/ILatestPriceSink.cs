using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Sinks;

/// <summary>Receives every change of an instrument's latest price.</summary>
public interface ILatestPriceSink
{
    /// <summary>A sink that drops every price (tests and tools that do not read the cache).</summary>
    static ILatestPriceSink None { get; } = new NoSink();

    /// <summary>Hands over a price; blocks when the sink is saturated (back-pressure onto the stream thread).</summary>
    void Publish(PriceTick tick);

    private sealed class NoSink : ILatestPriceSink
    {
        public void Publish(PriceTick tick)
        {
        }
    }
}
