using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RiskRadar.DevBroker;

/// <summary>Healthy when a real client gets metadata with every catalog topic through the bootstrap address.</summary>
public sealed class DevBrokerHealthCheck(DevBrokerHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (host.BootstrapServers is not { } bootstrap)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The mock cluster has not started."));
        }

        try
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap, ClientId = "devbroker-health" }).Build();
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(3));
            var missing = host.Topics.Select(t => t.Name).Except(metadata.Topics.Select(t => t.Topic)).ToList();
            return Task.FromResult(missing.Count == 0
                ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s), {metadata.Topics.Count} topics")
                : HealthCheckResult.Unhealthy($"Topics missing from metadata: {string.Join(", ", missing)}"));
        }
        catch (KafkaException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Metadata request failed.", ex));
        }
    }
}
