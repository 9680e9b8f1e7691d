using RiskRadar.StreamProcessor.Pipeline;
using RiskRadar.StreamProcessor.Pipeline.Instruments;

namespace RiskRadar.StreamProcessor.Tests.Pipeline;

/// <summary>Keeps what the topology publishes until the driver hands it to the global table.</summary>
internal sealed class RecordingScenarioPublisher : IScenarioPublisher
{
    private readonly List<InstrumentScenario> _published = [];

    public void Publish(InstrumentScenario scenario) => _published.Add(scenario);

    public List<InstrumentScenario> Take()
    {
        var taken = _published.ToList();
        _published.Clear();
        return taken;
    }
}
