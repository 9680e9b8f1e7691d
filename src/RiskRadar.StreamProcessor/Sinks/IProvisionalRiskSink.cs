using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Sinks;

/// <summary>Receives provisional risk figures from the book tasks.</summary>
public interface IProvisionalRiskSink
{
    /// <summary>A sink that drops every figure (tests and tools that read only the final topic).</summary>
    static IProvisionalRiskSink None { get; } = new NoSink();

    /// <summary>Hands over figures without blocking: a figure that cannot be kept up with is replaced by a newer one.</summary>
    void Publish(IReadOnlyList<ProvisionalRisk> figures);

    private sealed class NoSink : IProvisionalRiskSink
    {
        public void Publish(IReadOnlyList<ProvisionalRisk> figures)
        {
        }
    }
}
