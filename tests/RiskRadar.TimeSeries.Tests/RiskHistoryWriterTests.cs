using RiskRadar.Contracts.Events;

namespace RiskRadar.TimeSeries.Tests;

public sealed class RiskHistoryWriterTests(PostgresFixture db) : IClassFixture<PostgresFixture>
{
    private readonly RiskHistoryWriter _writer = new(db.DataSource);
    private readonly RiskHistoryQuery _query = new(db.DataSource);

    [Fact]
    public async Task Aggregates_spanning_three_days_get_daily_partitions_and_read_back_exactly()
    {
        var first = Samples.DaysAgo(30);
        var aggregates = Enumerable.Range(0, 12)
            .Select(i => Samples.Aggregate("roundtrip", first.AddHours(i * 6).AddMinutes(1).AddTicks(10 * (i + 1)), seed: i))
            .ToList();
        // One instant with a non-UTC offset: it is stored as the same instant and read back in UTC.
        aggregates[3] = aggregates[3] with { WindowEnd = aggregates[3].WindowEnd.ToOffset(TimeSpan.FromHours(5.5)) };
        Assert.Contains(aggregates, a => a.Var99 is null);
        Assert.Contains(aggregates, a => a.InstrumentsWithoutHistory.Count == 0);

        await _writer.WriteAsync(aggregates, []);

        var partitions = await db.PartitionsAsync(TimeSeriesTables.Aggregates);
        foreach (var day in aggregates.Select(a => a.WindowEnd.UtcDateTime.Date).Distinct())
        {
            Assert.Contains($"{TimeSeriesTables.Aggregates}_p{day:yyyyMMdd}", partitions);
        }

        Assert.Equal(3, aggregates.Select(a => a.WindowEnd.UtcDateTime.Date).Distinct().Count());
        Assert.Equal(0, await db.CountAsync($"select count(*) from only {TimeSeriesTables.Aggregates}_default"));

        var read = await _query.GetAggregatesAsync("roundtrip", "1m", first, first.AddDays(3), 1000);
        Assert.Equal(aggregates.Count, read.Count);
        foreach (var (expected, actual) in aggregates.OrderBy(a => a.WindowEnd).Zip(read))
        {
            Samples.AssertSame(expected, actual);
        }
    }

    [Fact]
    public async Task One_window_reads_back_with_the_holdings_it_valued_exactly()
    {
        var first = Samples.DaysAgo(12);
        var aggregates = Enumerable.Range(0, 8).Select(i => Samples.Aggregate("explained", first.AddSeconds(10 * i), seed: 40 + i, window: "10s")).ToList();
        Assert.Contains(aggregates, a => a.Inputs is null); // stored before windows recorded their inputs
        await _writer.WriteAsync(aggregates, []);

        foreach (var expected in aggregates)
        {
            var actual = await _query.GetAggregateAsync("explained", "10s", expected.WindowEnd);
            Assert.NotNull(actual);
            Samples.AssertSame(expected, actual, withInputs: true);
        }

        Samples.AssertSame(aggregates[^1], (await _query.GetAggregateAsync("explained", "10s", end: null))!, withInputs: true);
        Assert.Null(await _query.GetAggregateAsync("explained", "10s", first.AddSeconds(5)));
        Assert.Null(await _query.GetAggregateAsync("explained", "1m", end: null));
    }

    [Fact]
    public async Task Writing_a_batch_again_keeps_one_row_per_window_with_the_newest_values()
    {
        var first = Samples.DaysAgo(5);
        var batch = Enumerable.Range(0, 5).Select(i => Samples.Aggregate("redelivery", first.AddMinutes(i), seed: 100 + i)).ToList();
        var newer = batch.Select(a => a with { MarketValue = a.MarketValue + 1, Var99 = 42, ComputedAt = a.ComputedAt.AddMinutes(1) }).ToList();

        await _writer.WriteAsync(batch, []);
        await _writer.WriteAsync(batch, []);
        Assert.Equal(batch.Count, await CountAsync());

        await _writer.WriteAsync(newer, []);
        Assert.Equal(batch.Count, await CountAsync());
        await AssertStoredAsync(newer);

        // A stale redelivery of the older computation does not overwrite the newer one.
        await _writer.WriteAsync(batch, []);
        await AssertStoredAsync(newer);

        Task<long> CountAsync() => db.CountAsync($"select count(*) from {TimeSeriesTables.Aggregates} where portfolio_id = 'redelivery'");

        async Task AssertStoredAsync(List<RiskAggregate> expected)
        {
            var read = await _query.GetAggregatesAsync("redelivery", "1m", first, first.AddDays(1), 100);
            Assert.Equal(expected.Count, read.Count);
            foreach (var (e, a) in expected.Zip(read))
            {
                Samples.AssertSame(e, a);
            }
        }
    }

    [Fact]
    public async Task Duplicates_within_one_batch_settle_on_the_newest_computation()
    {
        var end = Samples.DaysAgo(4);
        var older = Samples.Aggregate("duplicates", end, seed: 1);
        var newest = older with { Pnl = -1, ComputedAt = older.ComputedAt.AddSeconds(30) };

        await _writer.WriteAsync([newest, older], []);

        Samples.AssertSame(newest, Assert.Single(await _query.GetAggregatesAsync("duplicates", "1m", end, end.AddDays(1), 10)));
    }

    [Fact]
    public async Task Bars_read_back_exactly_and_a_redelivered_bar_is_replaced()
    {
        var first = Samples.DaysAgo(3).AddHours(23);
        var bars = Enumerable.Range(0, 180).Select(i => Samples.Bar("AAPL", first.AddMinutes(i), seed: i)).ToList();
        var other = Samples.Bar("MSFT", first, seed: 1);

        await _writer.WriteAsync([], [.. bars, other]);
        await _writer.WriteAsync([], bars.Take(10).Select(b => b with { Ticks = b.Ticks + 1 }).ToList());

        var read = await _query.GetBarsAsync("AAPL", first, first.AddDays(1));
        var expected = bars.Select((b, i) => i < 10 ? b with { Ticks = b.Ticks + 1 } : b).ToList();
        Assert.Equal(expected, read);
        Assert.Contains($"{TimeSeriesTables.Bars}_p{first.AddDays(1):yyyyMMdd}", await db.PartitionsAsync(TimeSeriesTables.Bars));
        Assert.Equal(other, Assert.Single(await _query.GetBarsAsync("MSFT", first, first.AddDays(1))));
    }

    [Fact]
    public async Task Empty_batches_are_a_no_op()
    {
        await _writer.WriteAsync([], []);
    }
}
