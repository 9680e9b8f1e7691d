using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.Alerts;

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
    private const int StartAttempts = 10;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The database may still be coming up when the service starts; transient failures are retried briefly.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AlertSchema.EnsureCreatedAsync(dataSource, cancellationToken);
                await AlertRuleStore.SeedAsync(dataSource, options.Value, cancellationToken);
                LogReady(options.Value.Rules.Count, options.Value.WebhookTargets.Count);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < StartAttempts)
            {
                LogRetry(ex, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt * 2, 10)), timeProvider, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert tables ready; {Rules} rules and {Targets} webhook targets seeded from configuration")]
    private partial void LogReady(int rules, int targets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert tables not ready (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception exception, int attempt);
}
