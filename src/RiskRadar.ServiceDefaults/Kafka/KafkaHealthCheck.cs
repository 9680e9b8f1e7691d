using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RiskRadar.ServiceDefaults.Kafka;

/// <summary>Healthy when a metadata request to the cluster answers with at least one broker.</summary>
public sealed class KafkaHealthCheck(KafkaClientFactory factory) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> _admin = new(() =>
        new AdminClientBuilder(factory.CreateAdminConfig("health-check")).Build());

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var metadata = _admin.Value.GetMetadata(factory.Settings.HealthCheckTimeout);
            return Task.FromResult(metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s)")
                : HealthCheckResult.Unhealthy("The cluster reported no brokers."));
        }
        catch (KafkaException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Kafka metadata request failed.", ex));
        }
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
