using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.Data;
using RiskRadar.TimeSeries.History;

namespace RiskRadar.TimeSeries;

/// <summary>
/// Ensures the schema before the host finishes starting (so writers and queries never meet a missing table), then on
/// a timer deletes daily bars past the daily retention and, in native mode, keeps partitions ahead of the clock and
/// drops expired ones (TimescaleDB's own background jobs do that under its layout).
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
        using var timer = new PeriodicTimer(options.Value.MaintenanceInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(timeProvider.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Partitions exist days ahead and retention can wait an interval, so one failed round costs nothing.
                LogMaintenanceFailed(ex);
            }
        }
    }

    /// <summary>One maintenance round as of <paramref name="now"/>.</summary>
    public async Task RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var created = 0;
        var dropped = 0;
        if (Mode == TimeSeriesMode.NativePartitions)
        {
            created = await TimeSeriesSchema.EnsurePartitionsAsync(dataSource, now.AddDays(-1), now + options.Value.PartitionsAhead, cancellationToken);
            dropped = (await TimeSeriesSchema.ApplyRetentionAsync(dataSource, options.Value, now, cancellationToken)).Count;
        }

        var cutoff = DateOnly.FromDateTime((now - options.Value.DailyRetention).UtcDateTime);
        var deleted = await new DailyBarStore(dataSource).DeleteBeforeAsync(cutoff, cancellationToken);
        LogMaintenance(created, dropped, deleted, cutoff);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Time-series schema ready in {Mode} mode")]
    private partial void LogSchemaReady(TimeSeriesMode mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Time-series schema not ready (attempt {Attempt}); retrying")]
    private partial void LogSchemaRetry(Exception exception, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Time-series maintenance: {Created} partitions created, {Dropped} dropped, {Deleted} daily bars before {Cutoff} deleted")]
    private partial void LogMaintenance(int created, int dropped, int deleted, DateOnly cutoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Time-series maintenance failed")]
    private partial void LogMaintenanceFailed(Exception exception);
}
