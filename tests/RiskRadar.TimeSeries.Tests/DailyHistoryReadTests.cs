using RiskRadar.TimeSeries.History;

namespace RiskRadar.TimeSeries.Tests;

/// <summary>Reading the newest days of the whole store, the input of every scenario set; a store of its own.</summary>
public sealed class DailyHistoryReadTests(PostgresFixture db) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task An_empty_store_reads_empty_and_the_newest_days_come_back_on_the_union_of_dates_with_gaps_as_no_close()
    {
        var store = new DailyBarStore(db.DataSource);
        var (nothing, _) = await store.ReadHistoryAsync(500, default);
        Assert.Empty(nothing.Dates);
        Assert.Empty(nothing.Instruments);

        static DateOnly Day(int d) => new(2025, 6, d);
        await store.ReplaceAsync(
        [
            new("EQ.OLD", Day(2), 50), // older than the three newest days: not read
            new("EQ.OLD", Day(3), 51),
            new("EQ.B", Day(3), 20), new("EQ.B", Day(6), 22), // no close on the 5th (a holiday of its own)
            new("EQ.A", Day(4), 10), new("EQ.A", Day(5), 11), new("EQ.A", Day(6), 12),
            new("EQ.NEW", Day(6), 7), // listed on the last day
        ], DailyBarSources.Import, default);

        var (history, revision) = await store.ReadHistoryAsync(3, default);

        Assert.Equal(await store.RevisionAsync(default), revision);
        Assert.Equal([Day(4), Day(5), Day(6)], history.Dates);
        Assert.Equal(["EQ.A", "EQ.B", "EQ.NEW"], history.Instruments);
        double[][] expected = [[10, double.NaN, double.NaN], [11, double.NaN, double.NaN], [12, 22, 7]];
        for (var t = 0; t < 3; t++)
        {
            Assert.Equal(expected[t], Enumerable.Range(0, 3).Select(i => history.Close(t, i)));
        }

        var (all, _) = await store.ReadHistoryAsync(10, default);
        Assert.Equal([Day(2), Day(3), Day(4), Day(5), Day(6)], all.Dates);
        Assert.Equal(["EQ.A", "EQ.B", "EQ.NEW", "EQ.OLD"], all.Instruments);
    }
}
