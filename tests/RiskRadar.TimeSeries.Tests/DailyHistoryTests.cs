using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskRadar.Contracts.Events;
using RiskRadar.Testing;
using RiskRadar.TimeSeries.History;
using RiskRadar.TimeSeries.Scenarios;

namespace RiskRadar.TimeSeries.Tests;

/// <summary>The daily bar store and the scenario sets that follow it, on a real PostgreSQL.</summary>
public sealed class DailyHistoryTests(PostgresFixture db) : IClassFixture<PostgresFixture>
{
    private readonly DailyBarStore _store = new(db.DataSource);

    [Fact]
    public async Task Replacing_counts_new_and_replaced_days_and_moves_the_revision_only_on_change()
    {
        var before = await _store.RevisionAsync(default);
        var first = await _store.ReplaceAsync([new("EQ.R1", new(2024, 3, 1), 10, 9.5, 10.5, 9), new("EQ.R1", new(2024, 3, 4), 11)], DailyBarSources.Import, default);
        Assert.Equal((2, 0, before + 1), (first.Inserted, first.Replaced, first.Revision));
        var again = await _store.ReplaceAsync([new("EQ.R1", new(2024, 3, 4), 12)], DailyBarSources.Import, default);
        Assert.Equal((0, 1, before + 2), (again.Inserted, again.Replaced, again.Revision));
        var missing = await _store.AddMissingAsync([new("EQ.R1", new(2024, 3, 4), 99)], DailyBarSources.Stream, default);
        Assert.Equal((0, 0, before + 2), (missing.Inserted, missing.Replaced, missing.Revision));

        var bars = await _store.ReadAsync("EQ.R1", new(2024, 3, 1), new(2024, 3, 31), default);
        Assert.Equal([new DailyBar("EQ.R1", new(2024, 3, 1), 10, 9.5, 10.5, 9), new DailyBar("EQ.R1", new(2024, 3, 4), 12)], bars);
        Assert.Equal((new DateOnly(2024, 3, 4), 12.0), (await _store.LastClosesAsync(["EQ.R1", "EQ.NONE"], default))["EQ.R1"]);
    }

    [Fact]
    public async Task A_day_is_closed_from_the_minute_bars_once_by_its_own_calendar()
    {
        await InstrumentMasterSeed.SeedAsync(db.DataSource, [("EQ.C1", "C1", "Equity", "USD"), ("EQ.C2", "C2", "Equity", "EUR"), ("CR.C3", "C3", "Crypto", "USD")]);
        var close = new DateTimeOffset(2026, 1, 15, 21, 0, 0, TimeSpan.Zero); // 16:00 in New York in January
        var bars = new List<InstrumentBar>();
        foreach (var id in new[] { "EQ.C1", "EQ.C2", "CR.C3" })
        {
            for (var k = -3; k <= 2; k++)
            {
                var end = close.AddMinutes(k);
                bars.Add(new InstrumentBar(id, end.AddMinutes(-1), end, 100 + k, 101 + k, 99 + k, 100.5 + k, 10, null));
            }
        }

        await TimeSeriesSchema.EnsurePartitionsAsync(db.DataSource, close.AddDays(-1), close.AddDays(1));
        await new RiskHistoryWriter(db.DataSource).WriteAsync([], bars);
        Assert.Equal(1, await _store.CloseDayFromBarsAsync("Equity", null, ["EUR"], new(2026, 1, 15), close.AddDays(-1), close, default));
        Assert.Equal(0, await _store.CloseDayFromBarsAsync("Equity", null, ["EUR"], new(2026, 1, 15), close.AddDays(-1), close, default));
        Assert.Equal(1, await _store.CloseDayFromBarsAsync("Equity", "EUR", [], new(2026, 1, 15), close.AddDays(-1), close, default));

        var day = Assert.Single(await _store.ReadAsync("EQ.C1", new(2026, 1, 15), new(2026, 1, 15), default));
        // The last bar ending at or before the boundary (k = 0) closes the day; the first bar of the session opens it.
        Assert.Equal(new DailyBar("EQ.C1", new(2026, 1, 15), 100.5, 97, 101, 96), day);
        Assert.Single(await _store.ReadAsync("EQ.C2", new(2026, 1, 15), new(2026, 1, 15), default));
        Assert.Empty(await _store.ReadAsync("CR.C3", new(2026, 1, 15), new(2026, 1, 15), default));
    }

    [Fact]
    public async Task The_scenario_set_follows_the_history_and_is_stored_once_per_revision()
    {
        var days = Enumerable.Range(0, 40).Select(k => new DateOnly(2025, 1, 1).AddDays(k)).ToList();
        await _store.ReplaceAsync([.. days.Select((d, k) => new DailyBar("CR.S1", d, 100 + k))], DailyBarSources.Import, default);
        var options = Options.Create(new ScenarioSetOptions { Lookback = 20, Depth = 30 });
        var sets = new ScenarioSets(_store, new ScenarioSetStore(db.DataSource), options, NullLogger<ScenarioSets>.Instance);
        var first = await sets.RefreshAsync(default);
        Assert.NotNull(first);
        Assert.Same(first, await sets.RefreshAsync(default));

        var other = new ScenarioSets(_store, new ScenarioSetStore(db.DataSource), options, NullLogger<ScenarioSets>.Instance);
        var loaded = await other.RefreshAsync(default);
        Assert.Equal(first.Id, loaded!.Id);
        Assert.Equal(first.Id, (await new ScenarioSetStore(db.DataSource).GetAsync(first.Id, default))!.Id);

        await _store.ReplaceAsync([new DailyBar("CR.S1", days[^1].AddDays(1), 200)], DailyBarSources.Import, default);
        var next = await sets.RefreshAsync(default);
        Assert.NotEqual(first.Id, next!.Id);
        Assert.Contains("CR.S1", next.Instruments);
        Assert.Equal(first.Id, (await sets.GetAsync(first.Id, default))!.Id);
    }
}
