using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskRadar.Data;

namespace RiskRadar.TimeSeries.Scenarios;

/// <summary>
/// Keeps <see cref="ScenarioSets.Current"/> following the stored history: once before the host finishes starting,
/// so the first request already has a set when history exists, then every <see cref="ScenarioSetOptions.RefreshInterval"/>.
/// </summary>
public sealed partial class ScenarioSetRefreshService(
    ScenarioSets sets,
    ScenarioSetStore store,
    Npgsql.NpgsqlDataSource dataSource,
    IOptions<ScenarioSetOptions> options,
    TimeProvider timeProvider,
    ILogger<ScenarioSetRefreshService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await StartupRetry.RunAsync(
            async ct =>
            {
                await TimeSeriesSchema.EnsureHistoryCreatedAsync(dataSource, ct);
                await sets.RefreshAsync(ct);
            },
            LogStartRetry,
            timeProvider,
            cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, timeProvider);
        var lastPrune = DateTimeOffset.MinValue;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sets.RefreshAsync(stoppingToken);
                var now = timeProvider.GetUtcNow();
                if (now - lastPrune > TimeSpan.FromHours(1))
                {
                    await store.PruneAsync(now - options.Value.KeepSupersededFor, stoppingToken);
                    lastPrune = now;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The set in memory stays valid; the next tick tries again.
                LogRefreshFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scenario sets not ready (attempt {Attempt}); retrying")]
    private partial void LogStartRetry(Exception exception, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refreshing the scenario set failed; keeping the current one")]
    private partial void LogRefreshFailed(Exception exception);
}
