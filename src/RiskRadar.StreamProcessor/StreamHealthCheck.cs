using Microsoft.Extensions.Diagnostics.HealthChecks;
using Streamiz.Kafka.Net;

namespace RiskRadar.StreamProcessor;

/// <summary>Ready while the topology is running (or rebalancing, which is part of normal operation).</summary>
public sealed class StreamHealthCheck(RiskStreamService stream) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(stream.State switch
        {
            null => HealthCheckResult.Unhealthy("Topology not started."),
            var s when s == KafkaStream.State.RUNNING => HealthCheckResult.Healthy("Topology running."),
            var s when s == KafkaStream.State.REBALANCING => HealthCheckResult.Degraded("Topology rebalancing."),
            var s => HealthCheckResult.Unhealthy($"Topology {s}."),
        });
}
