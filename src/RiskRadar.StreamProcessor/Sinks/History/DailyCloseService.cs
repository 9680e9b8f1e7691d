using Microsoft.Extensions.Options;
using RiskRadar.TimeSeries.History;

namespace RiskRadar.StreamProcessor.Sinks.History;

/// <summary>
/// Turns the pipeline's one-minute bars into daily bars at each market's day boundary (History:Calendars): the last
/// bar closing at or before the boundary gives the day's close. It runs a settle delay after the boundary, when the
/// bars up to it are final, and looks back over the catch-up period on every pass, so a day missed while the service
/// was down is closed when it returns; the store writes a day at most once, so every replica may do this.
/// </summary>
public sealed partial class DailyCloseService(
    DailyBarStore store,
    IOptions<TradingCalendarOptions> options,
    TimeProvider time,
    ILogger<DailyCloseService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        do
        {
            try
            {
                await CloseDueDaysAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nothing is lost: the minute bars stay stored and the next pass closes the same days.
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Closes every day whose boundary lies in the catch-up period and at least the settle delay before <paramref name="now"/>.</summary>
    /// <returns>The days written, per calendar.</returns>
    public async Task<int> CloseDueDaysAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var upTo = now - settings.SettleDelay;
        var written = 0;
        foreach (var (key, session) in settings.Calendars)
        {
            var (assetClass, currency) = Split(key);
            // Listings in a currency with a calendar of its own are closed by that calendar, not the class's.
            var others = currency is null
                ? settings.Calendars.Keys.Select(Split).Where(k => k.AssetClass == assetClass && k.Currency is not null).Select(k => k.Currency!).ToList()
                : [];
            // One boundary earlier than the catch-up period: it is where the first day's bars start.
            var boundaries = session.Boundaries(upTo - settings.CatchUp - TimeSpan.FromDays(4), upTo).ToList();
            for (var k = 1; k < boundaries.Count; k++)
            {
                var (day, boundary) = boundaries[k];
                if (boundary <= upTo - settings.CatchUp)
                {
                    continue;
                }

                var count = await store.CloseDayFromBarsAsync(assetClass, currency, others, day, boundaries[k - 1].Boundary, boundary, cancellationToken);
                if (count > 0)
                {
                    LogClosed(key, day, boundary, count);
                    written += count;
                }
            }
        }

        return written;
    }

    private static (string AssetClass, string? Currency) Split(string key) =>
        key.Split(':') is [var assetClass, var currency] ? (assetClass, currency) : (key, null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Calendar} day {Day} at {Boundary}: {Count} daily bars from the minute bars")]
    private partial void LogClosed(string calendar, DateOnly day, DateTimeOffset boundary, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Closing trading days from the minute bars failed; the next pass retries")]
    private partial void LogFailed(Exception exception);
}
