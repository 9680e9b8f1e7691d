using RiskRadar.Contracts.Events;
using RiskRadar.StreamProcessor.Pipeline;

namespace RiskRadar.StreamProcessor.Tests.Pipeline;

public sealed class RiskPipelineTopologyTests
{
    private static PipelineOptions Options() => new()
    {
        BarSize = TimeSpan.FromSeconds(10),
        BarGrace = TimeSpan.FromSeconds(2),
        MinScenarios = 3,
    };

    /// <summary>Daily history for every instrument but EQ.N, ending the weekday before the intraday prices start.</summary>
    private static readonly Analytics.Scenarios.ScenarioSet Daily = DailyTestHistory.Set(
        DailyTestHistory.Closes(
            new Dictionary<string, double> { ["EQ.A"] = 100, ["CR.C"] = 60_000, ["EQ.E"] = 50, ["FX.EURUSD"] = 1.08 },
            DateOnly.FromDateTime(PipelineDriver.T0.UtcDateTime),
            days: 45,
            seed: 20261124),
        lookback: 40);

    private static PipelineDriver Driver(bool withoutSet = false)
    {
        var driver = new PipelineDriver(Options(), withoutSet ? null : Daily);
        driver.Reference("EQ.A", AssetClasses.Equity, "USD");
        driver.Reference("CR.C", AssetClasses.Crypto, "USD");
        driver.Reference("EQ.E", AssetClasses.Equity, "EUR");
        driver.Reference("EQ.N", AssetClasses.Equity, "USD");
        driver.Reference("FX.EURUSD", AssetClasses.Fx, "USD");
        return driver;
    }

    /// <summary>One tick per instrument per second (in instrument order), seeded random walks.</summary>
    private static void Walk(PipelineDriver driver, int fromSecond, int toSecond, params string[] instruments)
    {
        var random = new Random(fromSecond * 7919 + 17);
        var start = new Dictionary<string, double> { ["EQ.A"] = 100, ["CR.C"] = 60_000, ["EQ.E"] = 50, ["EQ.N"] = 20, ["FX.EURUSD"] = 1.08 };
        foreach (var id in instruments)
        {
            start[id] = driver.Ticks.LastOrDefault(t => t.InstrumentId == id)?.Price ?? start[id];
        }

        for (var s = fromSecond; s < toSecond; s++)
        {
            foreach (var id in instruments)
            {
                start[id] *= Math.Exp(0.004 * ((random.NextDouble() * 2) - 1));
                driver.Tick(id, s + 0.5, start[id]);
            }
        }
    }

    [Fact]
    public void Bars_close_after_the_grace_period_include_late_ticks_within_it_and_dead_letter_later_ones()
    {
        using var driver = Driver();
        driver.Tick("EQ.A", 1, 100);
        driver.Tick("EQ.A", 5, 101);
        driver.Tick("EQ.A", 11, 102);  // next bar; the first is still open (grace 2 s)
        driver.Tick("EQ.A", 9, 99);    // out of order, within grace: the first bar's close
        driver.Tick("EQ.A", 12.5, 103); // stream time passes 10 s + grace: the first bar closes
        driver.Tick("EQ.A", 8, 98);    // its bar is final: dead-lettered
        driver.Drain();

        var bar = Assert.Single(driver.Bars);
        Assert.Equal((PipelineDriver.T0, 100.0, 101.0, 99.0, 99.0, 3, (double?)null), (bar.BarStart, bar.Open, bar.High, bar.Low, bar.Close, bar.Ticks, bar.Return));
        var (tick, reason) = Assert.Single(driver.DeadLetters);
        Assert.Equal(98, tick.Price);
        Assert.StartsWith("late:", reason);
    }

    [Fact]
    public void Aggregates_equal_a_batch_recomputation_of_value_pnl_and_risk()
    {
        using var driver = Driver();
        driver.Position("P1", "EQ.A", 10);
        driver.Position("P1", "CR.C", -0.5);
        Walk(driver, 0, 120, "EQ.A", "CR.C");
        driver.Drain();

        var model = new BatchRiskModel(driver.Ticks, References(), driver.Options.BarSize);
        var quantities = new Dictionary<string, double> { ["EQ.A"] = 10, ["CR.C"] = -0.5 };
        var tenSecond = driver.Aggregates.Where(a => a.Window == "10s").ToList();
        Assert.True(tenSecond.Count >= 10, $"only {tenSecond.Count} 10 s aggregates");
        Assert.Contains(tenSecond, a => a.Var95 is not null);
        foreach (var aggregate in tenSecond)
        {
            var end = aggregate.WindowEnd.ToUnixTimeMilliseconds();
            var expected = model.Expect(quantities, "USD", end, driver.ScenarioSet, driver.Options.MinScenarios);
            var previous = model.Expect(quantities, "USD", end - 10_000, driver.ScenarioSet, driver.Options.MinScenarios);
            Assert.Equal(expected.MarketValue, aggregate.MarketValue, 9);
            Assert.Equal(expected.GrossExposure, aggregate.GrossExposure, 9);
            if (end - 10_000 > PipelineDriver.Ms(1))
            {
                Assert.Equal(expected.MarketValue - previous.MarketValue, aggregate.Pnl, 9);
            }

            AssertNear(expected.Var95, aggregate.Var95);
            AssertNear(expected.Var99, aggregate.Var99);
            AssertNear(expected.Es975, aggregate.Es975);
            AssertNear(expected.Volatility, aggregate.Volatility);
            Assert.Equal(expected.Scenarios, aggregate.Scenarios);
            Assert.Equal(40, aggregate.Scenarios);
            Assert.Equal(Daily.Id, aggregate.ScenarioSetId);
            Assert.Equal(2, aggregate.PositionsVersion);
            Assert.Equal(2, aggregate.Positions);
            Assert.Equal(-0.5 * model.PriceBefore("CR.C", end)!.Value, aggregate.ExposureByAssetClass[AssetClasses.Crypto], 9);
        }

        // The one-minute hopping window advances every 10 s and its P&L spans six of the tumbling ones.
        var minute = driver.Aggregate("P1", "1m", 110);
        Assert.Equal(PipelineDriver.T0.AddSeconds(50), minute.WindowStart);
        var sixTumbling = Enumerable.Range(0, 6).Sum(k => driver.Aggregate("P1", "10s", 110 - (10 * k)).Pnl);
        Assert.Equal(sixTumbling, minute.Pnl, 9);
    }

    [Fact]
    public void A_position_change_mid_window_counts_price_moves_not_the_flow()
    {
        using var driver = Driver();
        driver.Position("P1", "EQ.A", 10);
        driver.Tick("EQ.A", 1, 100);
        driver.Tick("EQ.A", 12, 101);
        driver.Tick("EQ.A", 14, 102);
        driver.Position("P1", "EQ.A", 30); // bought 20 more at 102: not P&L
        driver.Tick("EQ.A", 17, 103);
        driver.Tick("EQ.A", 21, 104);
        driver.Tick("EQ.A", 23, 105); // past 20 s + grace: the bar ending at 20 s is final, so the window can close
        driver.Drain();

        var window = driver.Aggregate("P1", "10s", 20); // [10 s, 20 s)
        Assert.Equal((10 * (102.0 - 100.0)) + (30 * (103.0 - 102.0)), window.Pnl, 9);
        Assert.Equal(30 * 103.0, window.MarketValue, 9);
    }

    [Fact]
    public void A_holding_whose_first_price_comes_late_holds_the_window_back_instead_of_being_left_out()
    {
        using var driver = Driver();
        driver.Position("P1", "EQ.A", 10);
        driver.Position("P1", "CR.C", -0.5);
        // EQ.A's partition runs ahead: past 20 s + grace before CR.C's first tick (priced since the window's start).
        Walk(driver, 0, 25, "EQ.A");
        driver.Drain();
        Assert.DoesNotContain(driver.Aggregates, a => a.PortfolioId == "P1");

        Walk(driver, 0, 25, "CR.C");
        driver.Drain();

        var window = driver.Aggregate("P1", "10s", 20);
        var a = driver.Ticks.Last(t => t.InstrumentId == "EQ.A" && t.Timestamp < PipelineDriver.T0.AddSeconds(20)).Price;
        var c = driver.Ticks.Last(t => t.InstrumentId == "CR.C" && t.Timestamp < PipelineDriver.T0.AddSeconds(20)).Price;
        Assert.Equal(2, window.Positions);
        Assert.Equal((10 * a) - (0.5 * c), window.MarketValue, 6);
    }

    [Fact]
    public void An_instrument_that_stops_ticking_holds_its_books_back_for_the_stall_timeout_only()
    {
        using var driver = Driver();
        driver.Position("P1", "CR.C", -0.5);
        driver.Position("P1", "EQ.A", 10);
        // CR.C prices once and stops; EQ.A crosses two boundaries after it (a book looked at only when its slowest
        // instrument moves must still have its clock started).
        driver.Tick("CR.C", 0.5, 60_000);
        Walk(driver, 0, 25, "EQ.A");
        driver.Drain();
        Assert.DoesNotContain(driver.Aggregates, a => a.PortfolioId == "P1" && a.WindowEnd > PipelineDriver.T0);

        driver.AdvanceWallClock(driver.Options.StallTimeout - TimeSpan.FromSeconds(1));
        driver.Drain();
        Assert.DoesNotContain(driver.Aggregates, a => a.PortfolioId == "P1" && a.WindowEnd > PipelineDriver.T0);

        driver.AdvanceWallClock(TimeSpan.FromSeconds(2));
        driver.Drain();
        foreach (var end in new[] { 10, 20 })
        {
            var a = driver.Ticks.Last(t => t.InstrumentId == "EQ.A" && t.Timestamp < PipelineDriver.T0.AddSeconds(end)).Price;
            Assert.Equal((10 * a) - (0.5 * 60_000), driver.Aggregate("P1", "10s", end).MarketValue, 6);
        }
    }

    [Fact]
    public void Holdings_whose_first_prices_arrive_one_by_one_are_waited_for_beyond_the_stall_timeout()
    {
        using var driver = Driver();
        driver.Position("P1", "EQ.A", 10);
        driver.Position("P1", "CR.C", -0.5);
        driver.Position("P1", "EQ.N", 100);
        // Three partitions catching up one after another (a restart under load): each holding's first price comes
        // within the timeout of the previous one, the last well after the window first waited.
        Walk(driver, 0, 25, "EQ.A");
        driver.AdvanceWallClock(driver.Options.StallTimeout * 0.6);
        Walk(driver, 0, 25, "CR.C");
        driver.AdvanceWallClock(driver.Options.StallTimeout * 0.6);
        Walk(driver, 0, 25, "EQ.N");
        driver.Drain();

        foreach (var end in new[] { 10, 20 })
        {
            double Last(string id) => driver.Ticks.Last(t => t.InstrumentId == id && t.Timestamp < PipelineDriver.T0.AddSeconds(end)).Price;
            var window = driver.Aggregate("P1", "10s", end);
            Assert.Equal(3, window.Positions);
            Assert.Equal((10 * Last("EQ.A")) - (0.5 * Last("CR.C")) + (100 * Last("EQ.N")), window.MarketValue, 6);
        }
    }

    [Fact]
    public void Positions_the_pipeline_cannot_use_are_dead_lettered_and_the_book_goes_on()
    {
        using var driver = Driver();
        driver.RawPosition(new PositionChange("P9", "t1", "EQ.UNLISTED", 10, "USD", 1, PipelineDriver.T0));
        driver.RawPosition(new PositionChange("P9", "t1", "", 3, "USD", 2, PipelineDriver.T0));
        driver.RawPosition(new PositionChange("P9", "", "EQ.A", 1, "USD", 3, PipelineDriver.T0));
        driver.RawPosition(new PositionChange("P9", "t1", "EQ.A", 1, "dollars", 4, PipelineDriver.T0));
        driver.Position("P9", "EQ.A", 5);
        Walk(driver, 0, 70, "EQ.A");
        driver.Drain();

        Assert.Equal(
            ["unknown-instrument: EQ.UNLISTED", "schema: no instrumentId", "schema: no tenantId", "schema: baseCurrency 'dollars' is not an ISO 4217 code"],
            driver.PositionDeadLetters().Select(d => d.Reason));
        var aggregate = driver.Aggregate("P9", "10s", 60);
        Assert.Equal(1, aggregate.Positions);
        Assert.Equal(5 * driver.Ticks.Last(t => t.Timestamp <= PipelineDriver.T0.AddSeconds(60)).Price, aggregate.MarketValue, 9);
    }

    [Fact]
    public void A_holding_without_history_is_valued_and_listed_while_risk_uses_the_others()
    {
        using var driver = Driver();
        driver.Position("P2", "EQ.A", 5);
        driver.Position("P2", "EQ.N", 100);
        Walk(driver, 0, 70, "EQ.A");
        Walk(driver, 70, 85, "EQ.A", "EQ.N"); // EQ.N starts trading late, and has no daily history
        driver.Drain();

        var aggregate = driver.Aggregate("P2", "10s", 80);
        Assert.Equal(["EQ.N"], aggregate.InstrumentsWithoutHistory);
        Assert.Equal(2, aggregate.Positions);
        var model = new BatchRiskModel(driver.Ticks, References(), driver.Options.BarSize);
        var expected = model.Expect(new Dictionary<string, double> { ["EQ.A"] = 5, ["EQ.N"] = 100 }, "USD", PipelineDriver.Ms(80), driver.ScenarioSet, 3);
        Assert.Equal(expected.MarketValue, aggregate.MarketValue, 9);
        AssertNear(expected.Var99, aggregate.Var99);
        Assert.NotNull(aggregate.Var99);
    }

    [Fact]
    public void Without_daily_history_a_book_is_valued_and_every_holding_listed_without_risk()
    {
        using var driver = Driver(withoutSet: true);
        driver.Position("P1", "EQ.A", 10);
        Walk(driver, 0, 30, "EQ.A");
        driver.Drain();

        var aggregate = driver.Aggregate("P1", "10s", 20);
        Assert.Equal(10 * driver.Ticks.Last(t => t.Timestamp < PipelineDriver.T0.AddSeconds(20)).Price, aggregate.MarketValue, 9);
        Assert.Equal(["EQ.A"], aggregate.InstrumentsWithoutHistory);
        Assert.Null(aggregate.Var99);
        Assert.Null(aggregate.ScenarioSetId);
        Assert.Equal(0, aggregate.Scenarios);
    }

    [Fact]
    public void The_order_holdings_were_added_in_does_not_change_a_single_bit()
    {
        using var driver = Driver();
        driver.Position("P-AB", "EQ.A", 10);
        driver.Position("P-AB", "CR.C", -0.5);
        driver.Position("P-AB", "EQ.E", 40);
        driver.Position("P-BA", "EQ.E", 40);
        driver.Position("P-BA", "CR.C", -0.5);
        driver.Position("P-BA", "EQ.A", 10);
        Walk(driver, 0, 40, "FX.EURUSD", "EQ.A", "CR.C", "EQ.E");
        driver.Drain();

        foreach (var end in new[] { 20.0, 30.0 })
        {
            var ab = driver.Aggregate("P-AB", "10s", end);
            var ba = driver.Aggregate("P-BA", "10s", end);
            Assert.Equal((ab.MarketValue, ab.GrossExposure, ab.Var99, ab.Es975, ab.Volatility), (ba.MarketValue, ba.GrossExposure, ba.Var99, ba.Es975, ba.Volatility));
            Assert.NotNull(ab.Var99);
        }
    }

    [Fact]
    public void A_portfolio_in_another_currency_is_valued_and_risked_through_the_fx_bars()
    {
        using var driver = Driver();
        driver.Position("P3", "EQ.A", 10, baseCurrency: "EUR");
        driver.Position("P3", "EQ.E", 40, baseCurrency: "EUR");
        Walk(driver, 0, 90, "FX.EURUSD", "EQ.A", "EQ.E");
        driver.Drain();

        var model = new BatchRiskModel(driver.Ticks, References(), driver.Options.BarSize);
        var aggregate = driver.Aggregate("P3", "10s", 80);
        var expected = model.Expect(new Dictionary<string, double> { ["EQ.A"] = 10, ["EQ.E"] = 40 }, "EUR", PipelineDriver.Ms(80), driver.ScenarioSet, 3);
        Assert.Equal("EUR", aggregate.BaseCurrency);
        Assert.Equal(expected.MarketValue, aggregate.MarketValue, 9);
        AssertNear(expected.Var95, aggregate.Var95);
        Assert.NotNull(aggregate.Var95);
    }

    [Fact]
    public void A_book_closing_windows_long_after_the_fx_pair_moved_on_converts_at_the_rates_of_those_windows()
    {
        using var driver = Driver();
        driver.Position("P3", "EQ.A", 10, baseCurrency: "EUR");
        driver.Position("P3", "EQ.E", 40, baseCurrency: "EUR");
        // FX.EURUSD and EQ.A run far ahead (more bars than the old global table of recent closes kept) before EQ.E's first
        // tick, as after a restart when one partition catches up last: the book's early windows close only then.
        Walk(driver, 0, 150, "FX.EURUSD", "EQ.A");
        Walk(driver, 0, 150, "EQ.E");
        driver.Drain();

        var model = new BatchRiskModel(driver.Ticks, References(), driver.Options.BarSize);
        foreach (var end in new[] { 20, 80, 140 })
        {
            var expected = model.Expect(new Dictionary<string, double> { ["EQ.A"] = 10, ["EQ.E"] = 40 }, "EUR", PipelineDriver.Ms(end), driver.ScenarioSet, 3);
            var window = driver.Aggregate("P3", "10s", end);
            Assert.Equal(2, window.Positions);
            Assert.Equal(expected.MarketValue, window.MarketValue, 9);
        }
    }

    [Fact]
    public void Provisional_risk_after_the_last_ticks_before_a_boundary_is_that_boundarys_window()
    {
        using var driver = Driver();
        driver.Position("P3", "EQ.A", 10, baseCurrency: "EUR");
        driver.Position("P3", "EQ.E", 40, baseCurrency: "EUR");
        Walk(driver, 0, 60, "FX.EURUSD", "EQ.A", "EQ.E");
        driver.AdvanceWallClock(driver.Options.LiveRefresh);
        var provisional = driver.Provisional.Last(p => p.PortfolioId == "P3");

        // The next ticks cross 60 s: the window ending there is valued at the prices the provisional figure had.
        Walk(driver, 60, 61, "FX.EURUSD", "EQ.A", "EQ.E");
        driver.Drain();
        var final = driver.Aggregate("P3", "10s", 60);
        Assert.Equal("provisional", provisional.Kind);
        Assert.Equal(PipelineDriver.T0.AddSeconds(59.5), provisional.AsOf);
        Assert.Equal(PipelineDriver.T0.AddSeconds(50), provisional.Since);
        Assert.Equal(final.MarketValue, provisional.MarketValue, 9);
        Assert.Equal(final.Pnl, provisional.Pnl, 9);
        Assert.Equal(final.GrossExposure, provisional.GrossExposure, 9);
        Assert.Equal(final.ExposureByAssetClass, provisional.ExposureByAssetClass);
        Assert.Equal(final.Var99, provisional.Var99);
        Assert.Equal(final.Es975, provisional.Es975);
        Assert.Equal(final.Volatility, provisional.Volatility);
        Assert.Equal(final.ScenarioSetId, provisional.ScenarioSetId);
        Assert.Equal(final.PositionsVersion, provisional.PositionsVersion);
        Assert.NotNull(provisional.Var99);
    }

    [Fact]
    public void Provisional_risk_follows_every_price_between_boundaries_and_never_reaches_the_final_topic()
    {
        using var driver = Driver();
        driver.Position("P1", "EQ.A", 10);
        Walk(driver, 0, 12, "EQ.A");
        driver.AdvanceWallClock(driver.Options.LiveRefresh);
        driver.Tick("EQ.A", 12.7, 123.25);
        driver.AdvanceWallClock(driver.Options.LiveRefresh);
        driver.Drain();

        var latest = driver.Provisional.Last(p => p.PortfolioId == "P1");
        Assert.Equal(10 * 123.25, latest.MarketValue, 9);
        Assert.Equal(driver.Ticks[^1].Timestamp.ToUnixTimeMilliseconds(), latest.AsOf.ToUnixTimeMilliseconds());
        Assert.DoesNotContain(driver.Aggregates, a => a.WindowEnd > PipelineDriver.T0.AddSeconds(10));
    }

    [Fact]
    public void A_refresh_over_its_budget_leaves_the_other_books_for_the_next_one_oldest_first()
    {
        var options = Options();
        options.LiveBudget = TimeSpan.FromTicks(1); // one book per refresh
        using var driver = new PipelineDriver(options, Daily);
        driver.Reference("EQ.A", AssetClasses.Equity, "USD");
        driver.Reference("CR.C", AssetClasses.Crypto, "USD");
        driver.Position("P1", "EQ.A", 10);
        driver.Position("P2", "CR.C", 1);
        driver.Position("P3", "EQ.A", 20);
        driver.Tick("EQ.A", 0.5, 100);
        driver.Tick("CR.C", 0.5, 60_000);
        driver.AdvanceWallClock(driver.Options.LiveRefresh * 4);

        // Queued as their positions came; a price reaching a book already refreshed queues it again, behind the others.
        Assert.Equal(["P1", "P2", "P3"], driver.Provisional.Take(3).Select(p => p.PortfolioId));
        Assert.All(driver.ProvisionalBatches, count => Assert.True(count <= 1, $"a refresh published {count} figures"));
    }

    [Fact]
    public void Out_of_order_ticks_never_replace_a_newer_price()
    {
        using var driver = Driver();
        driver.Position("P1", "EQ.A", 1);
        driver.Tick("EQ.A", 1, 100);
        driver.Tick("EQ.A", 6, 105);
        driver.Tick("EQ.A", 4, 90); // older than the last price: folded into its bar only
        driver.Tick("EQ.A", 13, 106);
        driver.Drain();

        Assert.Equal(105, driver.Aggregate("P1", "10s", 10).MarketValue, 9);
    }

    [Fact]
    public void The_instrument_stage_writes_one_record_per_boundary_however_many_portfolios_hold_the_instrument()
    {
        using var driver = Driver();
        for (var p = 0; p < 50; p++)
        {
            driver.Position($"P{p}", "EQ.A", p + 1);
        }

        var changes = driver.BookInputs();
        Walk(driver, 0, 35, "EQ.A"); // 35 ticks crossing the boundaries at 0, 10, 20 and 30 s
        driver.Drain();

        Assert.Equal(50, changes.Count(c => c.Change is not null));
        var boundaries = driver.BookInputs().Where(b => b.Prices is null).ToList();
        Assert.Equal([0L, 10_000, 20_000, 30_000], boundaries.Select(b => b.Boundary!.Through - PipelineDriver.Ms(0)));
        Assert.Equal(50, driver.Aggregates.Count(a => a.Window == "10s" && a.WindowEnd == PipelineDriver.T0.AddSeconds(20)));
    }

    [Fact]
    public void A_book_whose_instruments_tick_at_very_different_rates_closes_each_window_on_the_prices_at_its_boundaries()
    {
        using var driver = Driver();
        driver.Position("P1", "EQ.A", 10);
        driver.Position("P1", "CR.C", -0.5);
        var random = new Random(7);
        double a = 100, c = 60_000;
        for (var tenth = 0; tenth < 700; tenth++)
        {
            a *= Math.Exp(0.001 * ((random.NextDouble() * 2) - 1));
            driver.Tick("EQ.A", (tenth / 10.0) + 0.05, a); // ten a second
            if (tenth % 90 == 45)
            {
                c *= Math.Exp(0.01 * ((random.NextDouble() * 2) - 1));
                driver.Tick("CR.C", (tenth / 10.0) + 0.05, c); // one every nine seconds
            }
        }

        driver.Drain();
        var model = new BatchRiskModel(driver.Ticks, References(), driver.Options.BarSize);
        var quantities = new Dictionary<string, double> { ["EQ.A"] = 10, ["CR.C"] = -0.5 };
        var windows = driver.Aggregates.Where(x => x.Window == "10s" && x.WindowStart > PipelineDriver.T0.AddSeconds(5)).ToList();
        Assert.True(windows.Count >= 4, $"only {windows.Count} windows");
        foreach (var window in windows)
        {
            var end = window.WindowEnd.ToUnixTimeMilliseconds();
            Assert.Equal(model.Expect(quantities, "USD", end, driver.ScenarioSet, 3).MarketValue, window.MarketValue, 9);
            Assert.Equal(model.PricePnl(quantities, "USD", end - 10_000, end), window.Pnl, 9);
        }
    }

    [Fact]
    public void A_holding_closed_out_is_forgotten_once_no_open_window_sees_it_and_its_pnl_stays_in_the_windows_that_do()
    {
        using var driver = Driver();
        driver.Position("P1", "EQ.A", 10);
        driver.Position("P1", "CR.C", -0.5);
        Walk(driver, 0, 15, "EQ.A", "CR.C");
        driver.Position("P1", "EQ.A", 0);
        Walk(driver, 15, 130, "EQ.A", "CR.C"); // well past every window that began before the close
        driver.Drain();

        var model = new BatchRiskModel(driver.Ticks, References(), driver.Options.BarSize);
        var closeAt = driver.Ticks.Last(t => t.InstrumentId == "EQ.A" && t.Timestamp < PipelineDriver.T0.AddSeconds(15)).Price;
        var minute = driver.Aggregate("P1", "1m", 70); // [10 s, 70 s): EQ.A counted up to its close, CR.C throughout
        var expected = (10 * (closeAt - model.PriceBefore("EQ.A", PipelineDriver.Ms(10))!.Value))
            + model.PricePnl(new Dictionary<string, double> { ["CR.C"] = -0.5 }, "USD", PipelineDriver.Ms(10), PipelineDriver.Ms(70));
        Assert.Equal(expected, minute.Pnl, 9);
        // From [20 s, 30 s) on only CR.C moves the book, before and after EQ.A's holding is forgotten (~80 s).
        for (var end = 30.0; end <= 120; end += 10)
        {
            var window = driver.Aggregate("P1", "10s", end);
            Assert.Equal(1, window.Positions);
            Assert.Equal(model.PricePnl(new Dictionary<string, double> { ["CR.C"] = -0.5 }, "USD", PipelineDriver.Ms(end - 10), PipelineDriver.Ms(end)), window.Pnl, 9);
            if (end >= 70)
            {
                Assert.Equal(driver.Aggregate("P1", "1m", end).Pnl, Enumerable.Range(0, 6).Sum(k => driver.Aggregate("P1", "10s", end - (10 * k)).Pnl), 9);
            }
        }
    }

    [Fact]
    public void The_day_window_closes_at_utc_midnight_with_the_days_price_pnl_across_idle_gaps_and_a_position_change()
    {
        const double midnight = 15 * 3600, nextMidnight = midnight + (24 * 3600); // T0 is 09:00 UTC
        using var driver = Driver();
        driver.Position("P1", "EQ.A", 10);
        driver.Position("P1", "CR.C", -0.5);
        Walk(driver, (int)midnight - 100, (int)midnight - 90, "EQ.A", "CR.C");
        // Quiet over midnight for longer than the catch-up horizon: the book skips the day's start and snapshots it.
        Walk(driver, (int)midnight + 900, (int)midnight + 915, "EQ.A", "CR.C");
        var changedAt = driver.Ticks.Last(t => t.InstrumentId == "EQ.A").Price;
        driver.Position("P1", "EQ.A", 20); // a flow mid-day, not P&L
        Walk(driver, (int)midnight + 915, (int)midnight + 930, "EQ.A", "CR.C");
        Walk(driver, (int)nextMidnight - 20, (int)nextMidnight + 20, "EQ.A", "CR.C");
        driver.Drain();

        var model = new BatchRiskModel(driver.Ticks, References(), driver.Options.BarSize);
        var (start, end) = (PipelineDriver.Ms(midnight), PipelineDriver.Ms(nextMidnight));
        var day = Assert.Single(driver.Aggregates, a => a.Window == "1d");
        Assert.Equal((PipelineDriver.T0.AddSeconds(midnight), PipelineDriver.T0.AddSeconds(nextMidnight)), (day.WindowStart, day.WindowEnd));
        var expectedPnl = (10 * (changedAt - model.PriceBefore("EQ.A", start)!.Value))
            + (20 * (model.PriceBefore("EQ.A", end)!.Value - changedAt))
            + model.PricePnl(new Dictionary<string, double> { ["CR.C"] = -0.5 }, "USD", start, end);
        Assert.Equal(expectedPnl, day.Pnl, 9);
        var quantities = new Dictionary<string, double> { ["EQ.A"] = 20, ["CR.C"] = -0.5 };
        var expected = model.Expect(quantities, "USD", end, driver.ScenarioSet, driver.Options.MinScenarios);
        Assert.Equal(expected.MarketValue, day.MarketValue, 9);
        AssertNear(expected.Var99, day.Var99);
        // Risk is as of the end, so the day and the 10 s window ending at midnight agree on everything but P&L.
        var tenSecond = driver.Aggregate("P1", "10s", nextMidnight);
        Assert.Equal((tenSecond.MarketValue, tenSecond.Var99, tenSecond.Es975), (day.MarketValue, day.Var99, day.Es975));
    }

    [Fact]
    public void A_tick_dead_lettered_for_an_unknown_instrument_does_not_stop_its_ticks_once_the_instrument_is_listed()
    {
        using var driver = Driver();
        driver.Tick("EQ.LATE", 1, 10);
        driver.Reference("EQ.LATE", AssetClasses.Equity, "USD");
        driver.Tick("EQ.LATE", 2, 11);
        driver.Drain();

        var (tick, reason) = Assert.Single(driver.DeadLetters);
        Assert.Equal((10.0, "unknown-instrument: EQ.LATE"), (tick.Price, reason));
    }

    private static Dictionary<string, InstrumentReference> References() => new()
    {
        ["EQ.A"] = new("EQ.A", "EQ.A", AssetClasses.Equity, "USD", 1),
        ["CR.C"] = new("CR.C", "CR.C", AssetClasses.Crypto, "USD", 1),
        ["EQ.E"] = new("EQ.E", "EQ.E", AssetClasses.Equity, "EUR", 1),
        ["EQ.N"] = new("EQ.N", "EQ.N", AssetClasses.Equity, "USD", 1),
        ["FX.EURUSD"] = new("FX.EURUSD", "FX.EURUSD", AssetClasses.Fx, "USD", 1),
    };

    private static void AssertNear(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e)
        {
            Assert.Equal(e, actual!.Value, 1e-9 * Math.Max(1, Math.Abs(e)));
        }
    }
}
