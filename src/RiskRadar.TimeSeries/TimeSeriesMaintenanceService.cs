using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.Data;

namespace RiskRadar.TimeSeries;

/// <summary>
/// Ensures the schema before the host finishes starting (so writers and queries never meet a missing table), then,
/// in native mode, keeps partitions ahead of the clock and drops expired ones on a timer. TimescaleDB's own
/// background jobs do the latter under that layout.
/// </summary>
public sealed partial class TimeSeriesMaintenanceService(
    NpgsqlDataSource dataSource,
    IOptions<TimeSeriesOptions> options,
    TimeProvider timeProvider,
    ILogger<TimeSeriesMaintenanceService> logger) : BackgroundService
{
    /// <summary>The layout of the store once the service has started; null before.</summary>
    public TimeSeriesMode? Mode { get; private set; }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await StartupRetry.RunAsync(
            async ct =>
            {
                Mode = await TimeSeriesSchema.EnsureCreatedAsync(dataSource, options.Value, ct);
                LogSchemaReady(Mode.Value);
            },
            LogSchemaRetry,
            timeProvider,
            cancellationToken);

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Mode != TimeSeriesMode.NativePartitions)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.MaintenanceInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var now = timeProvider.GetUtcNow();
                var created = await TimeSeriesSchema.EnsurePartitionsAsync(dataSource, now.AddDays(-1), now + options.Value.PartitionsAhead, stoppingToken);
                var dropped = await TimeSeriesSchema.ApplyRetentionAsync(dataSource, options.Value, now, stoppingToken);
                LogMaintenance(created, dropped.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Partitions exist days ahead, so one failed round costs nothing; the next tick tries again.
                LogMaintenanceFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Time-series schema ready in {Mode} mode")]
    private partial void LogSchemaReady(TimeSeriesMode mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Time-series schema not ready (attempt {Attempt}); retrying")]
    private partial void LogSchemaRetry(Exception exception, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Time-series maintenance: {Created} partitions created, {Dropped} dropped")]
    private partial void LogMaintenance(int created, int dropped);

    [LoggerMessage(Level = LogLevel.Error, Message = "Time-series maintenance failed")]
    private partial void LogMaintenanceFailed(Exception exception);
}
