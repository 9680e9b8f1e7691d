using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.Data;
using RiskRadar.Ingestion.Instruments;
using RiskRadar.Ingestion.Simulation;
using RiskRadar.TimeSeries;
using RiskRadar.TimeSeries.History;

namespace RiskRadar.Ingestion.History;

/// <summary>
/// On start: loads the bundled default history of every instrument of the universe that has no daily bar in the
/// store (so a fresh stack answers a 1-day VaR at once, and an upgraded one gets the instruments the universe
/// gained), then tells the simulator the last close of each instrument. The file is validated like an import;
/// a bad bundled file is a build defect and stops the load, not the service.
/// </summary>
public sealed partial class DefaultHistoryLoader(
    NpgsqlDataSource dataSource,
    DailyBarStore store,
    MarketStart start,
    IOptions<DefaultHistoryOptions> options,
    IOptions<SimulatorOptions> simulator,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<DefaultHistoryLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var universe = InstrumentUniverse.Load(Path.Combine(environment.ContentRootPath, simulator.Value.UniverseFile));
        try
        {
            await StartupRetry.RunAsync(ct => LoadAsync(universe, ct), LogRetry, time, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The simulator still runs, from the universe file's prices; risk waits for an import.
            LogFailed(ex);
            start.Set(new Dictionary<string, double>());
        }
    }

    private async Task LoadAsync(IReadOnlyList<InstrumentDefinition> universe, CancellationToken cancellationToken)
    {
        await TimeSeriesSchema.EnsureHistoryCreatedAsync(dataSource, cancellationToken);
        var settings = options.Value;
        // Instruments the store has no day of get the bundled history: all of them on a fresh store, the ones the
        // universe gained (market factors, say) on an existing one. A day already stored is never replaced.
        var stored = await store.LastClosesAsync([.. universe.Select(i => i.Id)], cancellationToken);
        var missing = universe.Where(i => !stored.ContainsKey(i.Id)).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        if (settings.Enabled && missing.Count > 0)
        {
            var path = Path.Combine(environment.ContentRootPath, settings.File);
            var known = universe.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            DailyHistoryFile file;
            using (var reader = File.OpenText(path))
            {
                // Parsed against a far date, then moved: the file's own dates may lie ahead of a slow clock.
                file = DailyHistoryCsv.Parse(reader, known.Contains, DateOnly.MaxValue, int.MaxValue);
            }

            if (!file.IsValid)
            {
                throw new InvalidDataException($"The bundled history {path} is invalid: "
                    + string.Join("; ", file.Errors.Take(5).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
            }

            var shift = settings.RebaseToToday ? WeeksToShift(file.Bars.Max(b => b.Day), today) * 7 : 0;
            var bars = file.Bars.Where(b => missing.Contains(b.InstrumentId)).Select(b => b with { Day = b.Day.AddDays(shift) }).Where(b => b.Day < today).ToList();
            if (bars.Count > 0)
            {
                var written = await store.AddMissingAsync(bars, DailyBarSources.Bundled, cancellationToken);
                LogLoaded(written.Inserted, missing.Count, bars.Min(b => b.Day), bars.Max(b => b.Day), shift);
            }
        }

        var closes = await store.LastClosesAsync([.. universe.Select(i => i.Id)], cancellationToken);
        start.Set(closes.ToDictionary(c => c.Key, c => c.Value.Close, StringComparer.Ordinal));
    }

    /// <summary>Whole weeks that bring <paramref name="last"/> to within a week before <paramref name="today"/>.</summary>
    internal static int WeeksToShift(DateOnly last, DateOnly today) =>
        (int)Math.Floor((today.DayNumber - 1 - last.DayNumber) / 7.0);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Bundled daily history loaded: {Bars} bars of {Instruments} instruments, {From} to {To} (dates moved by {Shift} days)")]
    private partial void LogLoaded(int bars, int instruments, DateOnly from, DateOnly to, int shift);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily history store not ready (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception exception, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the bundled daily history failed; the simulator starts from the universe file's prices")]
    private partial void LogFailed(Exception exception);
}
