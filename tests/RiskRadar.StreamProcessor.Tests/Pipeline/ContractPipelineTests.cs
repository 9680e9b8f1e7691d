using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Valuation;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Instruments;
using RiskRadar.StreamProcessor.Pipeline;
using RiskRadar.TimeSeries.Books;

namespace RiskRadar.StreamProcessor.Tests.Pipeline;

/// <summary>
/// A book holding a stock, a short call on it and a bond, streamed: its contracts pass each boundary when their
/// factors (the stock, the curve's pillars, the surface's node) have, and every final window equals the batch
/// recomputation of the same book at the prices its instruments stood at there (the multi-asset book the Api builds).
/// </summary>
public sealed class ContractPipelineTests
{
    private const double Rel = 1e-9;

    private static readonly DateOnly s_day = DateOnly.FromDateTime(PipelineDriver.T0.UtcDateTime);

    private static readonly Dictionary<string, InstrumentReference> s_master = new(StringComparer.Ordinal)
    {
        ["EQ.U"] = new("EQ.U", "U", AssetClasses.Equity, "USD", 1),
        ["IR.USD.1Y"] = new("IR.USD.1Y", "USD 1Y", AssetClasses.FixedIncome, "USD", 1, InstrumentKinds.Rate, Rate: new RateFactor("USD", "1Y")),
        ["IR.USD.5Y"] = new("IR.USD.5Y", "USD 5Y", AssetClasses.FixedIncome, "USD", 1, InstrumentKinds.Rate, Rate: new RateFactor("USD", "5Y")),
        ["VOL.U.3M"] = new("VOL.U.3M", "U 3M", AssetClasses.Volatility, "USD", 1, InstrumentKinds.Volatility, Volatility: new VolatilityFactor("EQ.U", "3M", 1.0)),
        ["OP.U.C100"] = new("OP.U.C100", "U C100", AssetClasses.Equity, "USD", 1, InstrumentKinds.Option,
            Option: new OptionContract("EQ.U", OptionRights.Call, 100, s_day.AddDays(90), 100, DividendYield: 0.01)),
        ["BD.USD.5Y"] = new("BD.USD.5Y", "USD 4 5Y", AssetClasses.FixedIncome, "USD", 1, InstrumentKinds.Bond,
            Bond: new BondContract(100, 0.04, 2, DayCounts.ActualActual, s_day.AddYears(5))),
    };

    private static readonly Dictionary<string, double> s_start = new(StringComparer.Ordinal)
    {
        ["EQ.U"] = 100,
        ["IR.USD.1Y"] = ZeroCouponQuotes.Price(0.03, 1),
        ["IR.USD.5Y"] = ZeroCouponQuotes.Price(0.035, 5),
        ["VOL.U.3M"] = 0.25,
    };

    private static readonly Analytics.Scenarios.ScenarioSet s_daily = DailyTestHistory.Set(
        DailyTestHistory.Closes(s_start, s_day, days: 45, seed: 20261208), lookback: 40);

    private static readonly Dictionary<string, double> s_book = new(StringComparer.Ordinal) { ["EQ.U"] = 100, ["OP.U.C100"] = -5, ["BD.USD.5Y"] = 200 };

    [Fact]
    public void Final_windows_of_a_book_holding_an_option_and_a_bond_equal_the_batch_recomputation()
    {
        using var driver = Driver();
        foreach (var (id, quantity) in s_book)
        {
            driver.Position("P1", id, quantity);
        }

        Walk(driver, 0, 75);
        driver.Drain();

        var windows = driver.Aggregates.Where(a => a.PortfolioId == "P1" && a.Window == "10s").ToList();
        Assert.True(windows.Count >= 6, $"only {windows.Count} windows");
        foreach (var window in windows)
        {
            var end = window.WindowEnd.ToUnixTimeMilliseconds();
            var expected = Batch(driver, end);
            Assert.Equal(3, window.Positions);
            Assert.Empty(window.InstrumentsWithoutHistory);
            Close(expected.Value, window.MarketValue);
            Close(expected.Var99, window.Var99);
            Close(expected.Var95, window.Var95);
            Close(expected.Es99, window.Es99);
            Assert.Equal(40, window.Scenarios);
            Assert.Equal(s_daily.Id, window.ScenarioSetId);
            // Its inputs: the positions, then (quantity 0) every level its contracts were valued at, each with its kind.
            Assert.Equal(s_book.Keys.Order(StringComparer.Ordinal), window.Inputs!.Where(i => i.Quantity != 0).Select(i => i.InstrumentId).Order(StringComparer.Ordinal));
            Assert.Equal(["IR.USD.1Y", "IR.USD.5Y", "VOL.U.3M"], window.Inputs!.Where(i => i.Quantity == 0).Select(i => i.InstrumentId));
            Assert.All(window.Inputs!, i => Assert.NotNull(i.Kind));

            // Its P&L is the change of value since the window start: the book held the same all along.
            if (end - 10_000 > PipelineDriver.Ms(10))
            {
                Close(expected.Value - Batch(driver, end - 10_000).Value, window.Pnl, 1e-7);
            }
        }

        // A short call lowers the equity exposure below the shares' value: exposures are delta-equivalent.
        var last = windows[^1];
        Assert.True(last.ExposureByAssetClass["Equity"] < Batch(driver, last.WindowEnd.ToUnixTimeMilliseconds()).Spot * 100);

        // Between window ends, the provisional figure of the same book is measured the same way.
        driver.AdvanceWallClock(driver.Options.LiveRefresh * 4);
        var provisional = driver.Provisional.Last(p => p.PortfolioId == "P1");
        Assert.NotNull(provisional.Var99);
        Assert.Equal(40, provisional.Scenarios);
    }

    [Fact]
    public void A_contract_that_cannot_be_valued_does_not_hold_its_book_back_and_is_named_in_every_window()
    {
        using var driver = Driver();
        driver.Position("P1", "EQ.U", 100);
        driver.Position("P1", "OP.U.C100", -5);
        Walk(driver, 0, 35, without: "VOL.U.3M"); // the option's surface is never quoted
        driver.Drain();

        var windows = driver.Aggregates.Where(a => a.PortfolioId == "P1" && a.Window == "10s").ToList();
        Assert.NotEmpty(windows);
        Assert.All(windows, w => Assert.Equal(["OP.U.C100"], w.InstrumentsWithoutHistory));
        Assert.All(windows, w => Assert.Equal(1, w.Positions));
    }

    private static PipelineDriver Driver()
    {
        var driver = new PipelineDriver(new PipelineOptions { BarSize = TimeSpan.FromSeconds(10), BarGrace = TimeSpan.FromSeconds(2), MinScenarios = 3 }, s_daily);
        foreach (var reference in s_master.Values)
        {
            driver.Reference(reference);
        }

        return driver;
    }

    /// <summary>One tick per quoted instrument per second, seeded random walks (pillars in zero-coupon price).</summary>
    private static void Walk(PipelineDriver driver, int fromSecond, int toSecond, string? without = null)
    {
        var random = new Random(20261208);
        var level = new Dictionary<string, double>(s_start, StringComparer.Ordinal);
        for (var s = fromSecond; s < toSecond; s++)
        {
            foreach (var id in level.Keys.Order(StringComparer.Ordinal).Where(id => id != without).ToList())
            {
                level[id] *= Math.Exp(0.002 * ((random.NextDouble() * 2) - 1));
                driver.Tick(id, s + 0.5, level[id]);
            }
        }
    }

    /// <summary>The book at the prices its instruments stood at <paramref name="end"/> (their last tick before it), by the library.</summary>
    private static (double Value, double? Var99, double? Var95, double? Es99, double Spot) Batch(PipelineDriver driver, long end)
    {
        double? Level(string id) => driver.Ticks.LastOrDefault(t => t.InstrumentId == id && t.Timestamp.ToUnixTimeMilliseconds() < end)?.Price;
        var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(end).UtcDateTime);
        var book = MultiAssetScenarios.Build(
            s_daily, [.. s_book.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))], s_master, "USD", day, s_daily.Lookback, Level);
        var pnl = new double[book.Scenarios];
        book.Revalue(1, RevaluationMethod.Full, pnl);
        var at99 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.99));
        return (book.Value, at99.ValueAtRisk, HistoricalVar.FromPnl(pnl, new RiskOptions(0.95)).ValueAtRisk, at99.ExpectedShortfall, Level("EQ.U")!.Value);
    }

    private static void Close(double? expected, double? actual, double rel = Rel)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.True(Math.Abs(actual.Value - expected.Value) <= rel * Math.Max(1.0, Math.Abs(expected.Value)), $"expected {expected}, got {actual}");
    }
}
