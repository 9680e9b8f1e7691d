using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RiskRadar.Ingestion.History;

/// <summary>
/// Not ready until the bundled daily history is in place (or found unnecessary, or given up on): a stack reported
/// healthy then has daily history stored, and the first 1-day VaR does not meet "no history yet".
/// </summary>
public sealed class DefaultHistoryHealthCheck(MarketStart start) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(start.Prices.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy("Daily history in place.")
            : HealthCheckResult.Unhealthy("Loading the bundled daily history."));
}
