using RiskRadar.Contracts.Events;
using RiskRadar.StreamProcessor.Sinks.Alerts;

namespace RiskRadar.StreamProcessor.Tests.Alerts;

internal sealed class RecordingAlertPublisher : IAlertPublisher
{
    public List<RiskAlert> Published { get; } = [];

    public Task PublishAsync(IReadOnlyList<RiskAlert> alerts, CancellationToken cancellationToken)
    {
        Published.AddRange(alerts);
        return Task.CompletedTask;
    }
}
