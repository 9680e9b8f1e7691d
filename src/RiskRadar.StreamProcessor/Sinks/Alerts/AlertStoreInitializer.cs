using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.Alerts;
using RiskRadar.Data;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>
/// Creates the alert tables and upserts the configured rules and targets before the host finishes starting, so the
/// sink and the deliverer never meet a missing table. Register it before the result sink service.
/// </summary>
public sealed partial class AlertStoreInitializer(
    NpgsqlDataSource dataSource,
    IOptions<AlertOptions> options,
    TimeProvider timeProvider,
    ILogger<AlertStoreInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => StartupRetry.RunAsync(
        async ct =>
        {
            await AlertSchema.EnsureCreatedAsync(dataSource, ct);
            await AlertRuleStore.SeedAsync(dataSource, options.Value, ct);
            LogReady(options.Value.Rules.Count, options.Value.WebhookTargets.Count);
        },
        LogRetry,
        timeProvider,
        cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert tables ready; {Rules} rules and {Targets} webhook targets seeded from configuration")]
    private partial void LogReady(int rules, int targets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert tables not ready (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception exception, int attempt);
}
