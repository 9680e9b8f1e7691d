using RiskRadar.Contracts.Events;

namespace RiskRadar.TimeSeries.Tests;

public sealed class RiskHistoryQueryTests(PostgresFixture db) : IClassFixture<PostgresFixture>
{
    private readonly RiskHistoryQuery _query = new(db.DataSource);

    [Theory]
    [InlineData(60)]
    [InlineData(15)]
    [InlineData(24 * 60)]
    public async Task Buckets_summarise_the_windows_that_ended_in_them(int bucketMinutes)
    {
        var portfolio = $"buckets-{bucketMinutes}";
        var start = Samples.DaysAgo(2).AddHours(20);
        // Irregular spacing (7 minutes) so buckets hold different counts, across midnight.
        var aggregates = Enumerable.Range(0, 80).Select(i => Samples.Aggregate(portfolio, start.AddMinutes(7 * i), seed: i)).ToList();
        var other = Samples.Aggregate(portfolio, start.AddMinutes(3), seed: 999, window: "5m");
        await new RiskHistoryWriter(db.DataSource).WriteAsync([.. aggregates, other], []);

        var from = start.AddMinutes(30);
        var to = start.AddHours(8);
        var bucket = TimeSpan.FromMinutes(bucketMinutes);
        var origin = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var expected = aggregates
            .Where(a => a.WindowEnd >= from && a.WindowEnd < to)
            .GroupBy(a => origin + bucket * Math.Floor((a.WindowEnd - origin) / bucket))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var last = g.MaxBy(a => a.WindowEnd)!;
                return new RiskHistoryBucket(g.Key, g.Count(), last.MarketValue, last.Pnl,
                    g.Max(a => a.Var99), g.Max(a => a.Es975), g.Average(a => a.Volatility), last.WindowEnd);
            })
            .ToList();

        var actual = await _query.GetBucketedAsync(portfolio, "1m", from, to, bucket);

        Assert.True(expected.Count > 1);
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
        {
            // The database sums in its own order, so the average may differ in the last bits.
            Assert.Equal(e with { AvgVolatility = null }, a with { AvgVolatility = null });
            Assert.Equal(e.AvgVolatility.HasValue, a.AvgVolatility.HasValue);
            if (e.AvgVolatility is { } average)
            {
                Assert.Equal(average, a.AvgVolatility!.Value, 1e-12);
            }
        }

        Assert.Equal(aggregates.Count(a => a.WindowEnd >= from && a.WindowEnd < to), actual.Sum(b => b.Count));
    }

    [Fact]
    public async Task Raw_history_is_ordered_by_window_end_half_open_and_limited()
    {
        var start = Samples.DaysAgo(6);
        var aggregates = Enumerable.Range(0, 20).Select(i => Samples.Aggregate("raw", start.AddMinutes(20 - i), seed: i)).ToList();
        await new RiskHistoryWriter(db.DataSource).WriteAsync(aggregates, Array.Empty<InstrumentBar>());

        var all = await _query.GetAggregatesAsync("raw", "1m", start.AddMinutes(1), start.AddMinutes(20), 1000);
        var limited = await _query.GetAggregatesAsync("raw", "1m", start, start.AddDays(1), 5);

        Assert.Equal(Enumerable.Range(1, 19).Select(m => start.AddMinutes(m)), all.Select(a => a.WindowEnd));
        Assert.Equal(Enumerable.Range(1, 5).Select(m => start.AddMinutes(m)), limited.Select(a => a.WindowEnd));
        Assert.Empty(await _query.GetAggregatesAsync("raw", "5m", start, start.AddDays(1), 10));
        Assert.Empty(await _query.GetBucketedAsync("nobody", "1m", start, start.AddDays(1), TimeSpan.FromHours(1)));
    }
}
