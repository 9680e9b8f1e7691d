using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Sinks;

/// <summary>Hands every provisional figure to each of several sinks (Redis and the provisional alert rules).</summary>
public sealed class ProvisionalRiskFanOut(IReadOnlyList<IProvisionalRiskSink> sinks) : IProvisionalRiskSink
{
    public void Publish(IReadOnlyList<ProvisionalRisk> figures)
    {
        foreach (var sink in sinks)
        {
            sink.Publish(figures);
        }
    }
}
