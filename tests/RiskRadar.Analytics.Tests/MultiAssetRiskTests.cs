using RiskRadar.Analytics.Instruments.Bonds;
using RiskRadar.Analytics.Instruments.Curves;
using RiskRadar.Analytics.Instruments.Options;
using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Valuation;

namespace RiskRadar.Analytics.Tests;

/// <summary>What full revaluation and the delta-gamma approximation say about non-linear books, and where they part.</summary>
public class MultiAssetRiskTests
{
    private static readonly DateOnly s_today = new(2025, 1, 2);
    private static readonly RiskOptions s_at99 = new(0.99);
    private static readonly ZeroCurve s_curve = new([0.25, 1, 2, 5, 10], [0.040, 0.041, 0.039, 0.038, 0.040]);

    [Fact]
    public void Short_gamma_makes_the_loss_tail_worse_than_delta_says_and_long_gamma_makes_it_better()
    {
        ScenarioMoves moves = SpotOnly(Returns(500, 0.02, seed: 11));

        // Covered call: long 1,000 shares, short 10 at-the-money one-month calls × 100.
        MultiAssetBook covered = Book(new OptionHolding(0, OptionType.Call, 100, 30 / 365.0, 0.0, 0, 0, -1000));
        double coveredFull = MultiAssetRisk.Measure(covered, moves, s_at99).ValueAtRisk;
        double coveredLinear = MultiAssetRisk.Measure(DeltaEquivalent(covered), moves, s_at99).ValueAtRisk;
        Assert.True(coveredFull > coveredLinear * 1.05, $"short gamma: full {coveredFull:F2} should exceed delta-linear {coveredLinear:F2}");

        // Protective put: long 1,000 shares, long 10 at-the-money puts × 100.
        MultiAssetBook protectedBook = Book(new OptionHolding(0, OptionType.Put, 100, 30 / 365.0, 0.0, 0, 0, 1000));
        double protectedFull = MultiAssetRisk.Measure(protectedBook, moves, s_at99).ValueAtRisk;
        double protectedLinear = MultiAssetRisk.Measure(DeltaEquivalent(protectedBook), moves, s_at99).ValueAtRisk;
        Assert.True(protectedFull < protectedLinear * 0.95, $"long gamma: full {protectedFull:F2} should be below delta-linear {protectedLinear:F2}");
    }

    [Fact]
    public void Delta_gamma_agrees_with_full_revaluation_for_small_moves_and_breaks_down_for_large_ones()
    {
        MultiAssetBook book = Book(new OptionHolding(0, OptionType.Call, 100, 30 / 365.0, 0.0, 0, 0, -1000));

        // Daily moves of 0.5 %: the Taylor remainder is third order in ΔS/S, so the VaRs agree within 1 %.
        ScenarioMoves small = SpotOnly(Returns(500, 0.005, seed: 3));
        double smallFull = MultiAssetRisk.Measure(book, small, s_at99).ValueAtRisk;
        double smallApprox = MultiAssetRisk.Measure(book, small, s_at99, RevaluationMethod.DeltaGamma).ValueAtRisk;
        Near.Equal(smallFull, smallApprox, 0.01, what: "delta-gamma VaR for 0.5 % moves");

        // Crash-sized moves (σ 8 %): gamma, measured at today's spot, keeps growing the short call's loss
        // quadratically, while the real option's delta saturates at 1; the approximation is off by more than 10 %.
        ScenarioMoves large = SpotOnly(Returns(500, 0.08, seed: 3));
        double largeFull = MultiAssetRisk.Measure(book, large, s_at99).ValueAtRisk;
        double largeApprox = MultiAssetRisk.Measure(book, large, s_at99, RevaluationMethod.DeltaGamma).ValueAtRisk;
        Assert.True(Math.Abs(largeApprox - largeFull) > 0.10 * largeFull, $"8 % moves: delta-gamma {largeApprox:F2} vs full {largeFull:F2}");
    }

    [Fact]
    public void A_book_of_spot_instruments_alone_has_the_linear_historical_var_at_every_horizon()
    {
        double[] r0 = Returns(300, 0.01, seed: 5), r1 = Returns(300, 0.02, seed: 6);
        MarketState market = new([50.0, 120.0], [], []);
        MultiAssetBook book = MultiAssetBook.Create(market, s_today, [new LinearHolding(0, 200), new LinearHolding(1, -40)]);
        ScenarioMoves moves = new(300, [.. r0, .. r1], [], []);
        ReturnMatrix matrix = new(["A", "B"], 300, [.. Enumerable.Range(0, 300).SelectMany(t => new[] { r0[t], r1[t] })]);
        foreach (int horizon in new[] { 1, 10 })
        {
            RiskOptions options = new(0.99, horizon);
            VarEs linear = HistoricalVar.Compute(matrix, [200 * 50.0, -40 * 120.0], options);
            VarEs revalued = MultiAssetRisk.Measure(book, moves, options);
            Near.Equal(linear.ValueAtRisk, revalued.ValueAtRisk, 1e-12, what: $"VaR h={horizon}");
            Near.Equal(linear.ExpectedShortfall, revalued.ExpectedShortfall, 1e-12, what: $"ES h={horizon}");
        }
    }

    [Fact]
    public void A_scenario_that_moves_nothing_changes_nothing_and_explain_adds_up()
    {
        (MultiAssetBook book, ScenarioMoves moves) = MultiAssetFixtureTests.FixtureBook();
        ScenarioMoves still = new(1, [0.0], [0.0, 0.0, 0.0], [new double[s_fixturePillars]]);
        Span<double> pnl = [double.NaN];
        book.Revalue(still, 1, RevaluationMethod.Full, pnl);
        Assert.Equal(0.0, pnl[0]);

        double[] approx = new double[moves.Count], full = new double[moves.Count];
        book.Revalue(moves, 1, RevaluationMethod.DeltaGamma, approx);
        book.Revalue(moves, 1, RevaluationMethod.Full, full);
        for (int s = 0; s < 5; s++)
        {
            PnlExplanation explained = book.Explain(moves, s);
            Near.Equal(full[s], explained.Actual, 1e-12, 1e-9, $"scenario {s} actual");
            Near.Equal(approx[s], explained.Explained, 1e-12, 1e-9, $"scenario {s} explained");

            // A 1-day move of a diversified book: what the greeks miss is a small part of it.
            Assert.True(Math.Abs(explained.Unexplained) < 0.05 * Math.Abs(explained.Actual) + 1.0, $"scenario {s}: {explained}");
        }
    }

    [Fact]
    public void A_horizon_of_h_days_revalues_the_moves_scaled_by_root_h()
    {
        (MultiAssetBook book, ScenarioMoves moves) = MultiAssetFixtureTests.FixtureBook();
        int n = moves.Count, pillars = moves.PillarsOf(0);
        double[] Doubled(Func<int, ReadOnlySpan<double>> row, int rows) =>
            [.. Enumerable.Range(0, rows).SelectMany(i => row(i).ToArray().Select(x => 2.0 * x))];
        ScenarioMoves doubled = new(n, Doubled(moves.Returns, 1), Doubled(moves.VolatilityMoves, 3), [Doubled(p => moves.CurveMoves(0, p), pillars)]);
        double[] fourDays = new double[n], scaled = new double[n];
        foreach (RevaluationMethod method in new[] { RevaluationMethod.Full, RevaluationMethod.DeltaGamma })
        {
            book.Revalue(moves, 4, method, fourDays);
            book.Revalue(doubled, 1, method, scaled);
            for (int s = 0; s < n; s++)
            {
                Near.Equal(scaled[s], fourDays[s], 1e-12, 1e-9, $"{method} scenario {s}");
            }
        }
    }

    [Fact]
    public void Books_sharing_one_set_of_shocks_revalue_as_they_do_alone()
    {
        (MultiAssetBook book, ScenarioMoves moves) = MultiAssetFixtureTests.FixtureBook();
        MultiAssetBook other = MultiAssetBook.Create(book.Market, s_today, [new OptionHolding(0, OptionType.Put, 92, 0.3, 0.0, 1, 0, 700)]);
        ScenarioShocks shocks = new(book.Market, moves, 10);
        foreach (MultiAssetBook b in new[] { book, other, book })
        {
            double[] alone = new double[moves.Count], shared = new double[moves.Count];
            b.Revalue(moves, 10, RevaluationMethod.Full, alone);
            b.Revalue(shocks, RevaluationMethod.Full, shared);
            Assert.Equal(alone, shared);
        }

        ScenarioShocks elsewhere = new(new MarketState(book.Market.Spots, book.Market.Volatilities, book.Market.Curves), moves, 10);
        Assert.Throws<ArgumentException>(() => book.Revalue(elsewhere, RevaluationMethod.Full, new double[moves.Count]));
    }

    [Fact]
    public void Key_rate_dv01s_add_up_to_the_parallel_dv01_and_a_long_bond_has_positive_dv01()
    {
        FixedRateBond bond = new(100, 0.045, 2, new DateOnly(2029, 6, 15), DayCountConvention.ActualActualIcma);
        MultiAssetBook book = MultiAssetBook.Create(new MarketState([], [], [s_curve]), s_today, [new BondHolding(bond, 0, 1000)]);
        CurveSensitivity rates = Assert.Single(book.Sensitivities.Curves);
        Assert.True(rates.Dv01 > 0);

        // The shifts add up exactly; only the discount factor's curvature (second order in 1 bp) separates the sums.
        Near.Equal(rates.Dv01, rates.KeyRateDv01.Sum(), 1e-3);

        // Its last flow (4.5 years) sits between the 2- and 5-year pillars: the 10-year one does not move it.
        Assert.Equal(0.0, rates.KeyRateDv01[4]);
        Assert.All(rates.KeyRateDv01.Take(4), k => Assert.True(k > 0));
    }

    [Fact]
    public void Greeks_aggregate_per_underlying_with_cash_delta_and_cash_gamma()
    {
        MultiAssetBook book = Book(new OptionHolding(0, OptionType.Call, 100, 0.5, 0.01, 0, 0, -1000));
        OptionValuation call = BlackScholesMerton.Value(new EuropeanOption(OptionType.Call, 100, 100, s_curve.ZeroRate(0.5), 0.01, 0.2, 0.5));
        UnderlyingSensitivity u = Assert.Single(book.Sensitivities.Underlyings);
        Near.Equal(1000 - (1000 * call.Delta), u.Delta, 1e-14);
        Near.Equal(u.Delta * 100, u.CashDelta, 1e-14);
        Near.Equal(-1000 * call.Gamma, u.Gamma, 1e-14);
        Near.Equal(u.Gamma * 100 * 100 / 100, u.CashGamma, 1e-14);
        Near.Equal(-1000 * call.Vega, u.Vega, 1e-14);
        Near.Equal(-1000 * call.Theta, u.Theta, 1e-14);
    }

    private const int s_fixturePillars = 10;

    /// <summary>Long 1,000 shares at 100 (vol 20 %) with one option holding, on <see cref="s_curve"/>.</summary>
    private static MultiAssetBook Book(OptionHolding option) =>
        MultiAssetBook.Create(new MarketState([100.0], [0.2], [s_curve]), s_today, [new LinearHolding(0, 1000), option]);

    private static MultiAssetBook DeltaEquivalent(MultiAssetBook book) =>
        MultiAssetBook.Create(new MarketState(book.Market.Spots, book.Market.Volatilities, book.Market.Curves), s_today, [new LinearHolding(0, book.Sensitivities.Underlyings[0].Delta)]);

    private static ScenarioMoves SpotOnly(double[] returns) =>
        new(returns.Length, returns, new double[returns.Length], [new double[returns.Length * s_curve.Pillars]]);

    /// <summary>Fat-tailed returns (a normal mixture: 1 in 10 days at 3σ), seeded.</summary>
    private static double[] Returns(int n, double sigma, int seed)
    {
        Random random = new(seed);
        double[] r = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            r[i] = z * sigma * (random.NextDouble() < 0.1 ? 3.0 : 1.0);
        }

        return r;
    }
}
