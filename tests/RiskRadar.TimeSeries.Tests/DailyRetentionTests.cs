using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskRadar.TimeSeries.History;

namespace RiskRadar.TimeSeries.Tests;

/// <summary>The daily retention sweep of the maintenance service; a store of its own.</summary>
public sealed class DailyRetentionTests(PostgresFixture db) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Daily_bars_older_than_the_daily_retention_go_once_and_move_the_revision()
    {
        var store = new DailyBarStore(db.DataSource);
        await store.ReplaceAsync(
        [
            new("EQ.R", new(2016, 11, 28), 10), new("EQ.R", new(2016, 11, 29), 11),
            new("EQ.R", new(2016, 11, 30), 12), new("EQ.R", new(2026, 11, 30), 13),
        ], DailyBarSources.Import, default);
        var before = await store.RevisionAsync(default);
        var maintenance = new TimeSeriesMaintenanceService(
            db.DataSource, Options.Create(new TimeSeriesOptions { DailyRetention = TimeSpan.FromDays(3653) }), TimeProvider.System,
            NullLogger<TimeSeriesMaintenanceService>.Instance);

        // 3,653 days before noon on 2026-12-01 is 2016-11-30: the days before it go, that day stays.
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        await maintenance.RunOnceAsync(now, default);
        Assert.Equal([12.0, 13.0], (await store.ReadAsync("EQ.R", new(2000, 1, 1), new(2030, 1, 1), default)).Select(b => b.Close));
        Assert.Equal(before + 1, await store.RevisionAsync(default));

        await maintenance.RunOnceAsync(now, default);
        Assert.Equal(before + 1, await store.RevisionAsync(default));
    }
}
