using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>Publishes raised alerts to <c>risk.alerts</c>; completes when the broker acknowledged all of them.</summary>
public interface IAlertPublisher
{
    Task PublishAsync(IReadOnlyList<RiskAlert> alerts, CancellationToken cancellationToken);
}
