using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskRadar.Contracts.Events;
using RiskRadar.StreamProcessor.Sinks.History;
using RiskRadar.Testing;
using RiskRadar.TimeSeries;
using RiskRadar.TimeSeries.History;

namespace RiskRadar.StreamProcessor.Tests.History;

/// <summary>The day close from the stream's minute bars, pass by pass, on a real PostgreSQL.</summary>
public sealed class DailyCloseServiceTests
{
    [Fact]
    public async Task Each_market_s_day_is_closed_once_after_its_boundary_has_settled()
    {
        await using var postgres = await LocalPostgres.StartAsync();
        await using var dataSource = postgres.CreateDataSource();
        await TimeSeriesSchema.EnsureCreatedAsync(dataSource, new TimeSeriesOptions());
        await InstrumentMasterSeed.SeedAsync(dataSource, [("EQ.D1", "D1", "Equity", "USD"), ("CR.D2", "D2", "Crypto", "USD")]);
        // Thursday 2026-01-15: crypto's day 2026-01-14 ends at 00:00 UTC, the US equity day at 16:00 New York (21:00 UTC).
        var cryptoBoundary = new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);
        var equityBoundary = new DateTimeOffset(2026, 1, 15, 21, 0, 0, TimeSpan.Zero);
        var bars = new List<InstrumentBar>();
        foreach (var (id, boundary) in new[] { ("EQ.D1", equityBoundary), ("CR.D2", cryptoBoundary) })
        {
            for (var k = -3; k <= 2; k++)
            {
                var end = boundary.AddMinutes(k);
                bars.Add(new InstrumentBar(id, end.AddMinutes(-1), end, 100 + k, 101 + k, 99 + k, 100.5 + k, 10, null));
            }
        }

        await TimeSeriesSchema.EnsurePartitionsAsync(dataSource, cryptoBoundary.AddDays(-1), equityBoundary.AddDays(1));
        await new RiskHistoryWriter(dataSource).WriteAsync([], bars);
        var store = new DailyBarStore(dataSource);
        var service = new DailyCloseService(store, Options.Create(new TradingCalendarOptions()), TimeProvider.System, NullLogger<DailyCloseService>.Instance);

        // Four minutes after the equity close: inside the five-minute settle delay, so only crypto's day is due.
        Assert.Equal(1, await service.CloseDueDaysAsync(equityBoundary.AddMinutes(4), default));
        Assert.Empty(await store.ReadAsync("EQ.D1", new(2026, 1, 15), new(2026, 1, 15), default));
        Assert.Equal(100.5, Assert.Single(await store.ReadAsync("CR.D2", new(2026, 1, 14), new(2026, 1, 14), default)).Close);

        Assert.Equal(1, await service.CloseDueDaysAsync(equityBoundary.AddMinutes(6), default));
        Assert.Equal(100.5, Assert.Single(await store.ReadAsync("EQ.D1", new(2026, 1, 15), new(2026, 1, 15), default)).Close);

        // Again: nothing is written twice.
        Assert.Equal(0, await service.CloseDueDaysAsync(equityBoundary.AddMinutes(6), default));

        // A restart three days later catches up on the days missed: each market's next day holds the two bars after
        // its boundary, so it closes at the later of them; the days without bars stay without a close.
        Assert.Equal(2, await service.CloseDueDaysAsync(equityBoundary.AddDays(3), default));
        Assert.Equal(102.5, Assert.Single(await store.ReadAsync("EQ.D1", new(2026, 1, 16), new(2026, 1, 18), default)).Close);
        Assert.Equal(102.5, Assert.Single(await store.ReadAsync("CR.D2", new(2026, 1, 15), new(2026, 1, 18), default)).Close);
        Assert.Equal(0, await service.CloseDueDaysAsync(equityBoundary.AddDays(3), default));
    }
}
