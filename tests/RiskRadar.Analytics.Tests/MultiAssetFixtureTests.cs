using System.Globalization;
using System.Text.Json;

using RiskRadar.Analytics.Instruments.Bonds;
using RiskRadar.Analytics.Instruments.Curves;
using RiskRadar.Analytics.Instruments.Futures;
using RiskRadar.Analytics.Instruments.Options;
using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Valuation;

namespace RiskRadar.Analytics.Tests;

/// <summary>
/// Curves, options on a curve, bonds on a curve, futures and a whole book under 250 scenarios, against QuantLib 1.29
/// (tests/fixtures/generate_multiasset_fixtures.py): pricers and sensitivities to 1e-10 relative or better, the
/// book's fully revalued scenario P&amp;L to 1e-9.
/// </summary>
public class MultiAssetFixtureTests
{
    private static readonly DateOnly s_valuationDate = DateOnly.Parse(Fixtures.MultiAsset.GetProperty("valuationDate").GetString()!, CultureInfo.InvariantCulture);

    [Fact]
    public void Zero_curve_is_linear_in_zero_rate_and_flat_outside_its_pillars_like_quantlib()
    {
        ZeroCurve curve = Curve();
        foreach (JsonElement p in Fixtures.MultiAsset.GetProperty("curve").GetProperty("points").EnumerateArray())
        {
            double t = p.Number("time");
            Near.Equal(p.Number("zeroRate"), curve.ZeroRate(t), 1e-11, what: $"z({t})");
            Near.Equal(p.Number("discount"), curve.Discount(t), 1e-13, what: $"D({t})");
        }
    }

    [Fact]
    public void Options_on_the_curve_price_and_greeks_match_quantlib()
    {
        ZeroCurve curve = Curve();
        foreach (JsonElement e in Fixtures.MultiAsset.GetProperty("options").EnumerateArray())
        {
            double spot = e.Number("spot"), t = e.Number("expiry");
            string id = $"{e.GetProperty("type").GetString()} S={spot} K={e.Number("strike")} T={t}";
            OptionValuation v = BlackScholesMerton.Value(new EuropeanOption(Type(e), spot, e.Number("strike"), curve.ZeroRate(t), e.Number("dividend"), e.Number("volatility"), t));

            // Deep out of the money, values are ~1e-9: an absolute floor far below anything a book would notice.
            double floor = 1e-14 * spot;
            Near.Equal(e.Number("price"), v.Price, 1e-10, floor, $"{id} price");
            Near.Equal(e.Number("delta"), v.Delta, 1e-10, 1e-14, $"{id} delta");
            Near.Equal(e.Number("gamma"), v.Gamma, 1e-10, 1e-14, $"{id} gamma");
            Near.Equal(e.Number("vega"), v.Vega, 1e-10, floor, $"{id} vega");
            Near.Equal(e.Number("theta"), v.Theta, 1e-10, floor, $"{id} theta");
            Near.Equal(e.Number("rho"), v.Rho, 1e-10, floor, $"{id} rho");
            Near.Equal(e.Number("dividendRho"), v.DividendRho, 1e-10, floor, $"{id} dividend rho");

            MultiAssetBook book = MultiAssetBook.Create(
                new MarketState([spot], [e.Number("volatility")], [curve]),
                s_valuationDate,
                [new OptionHolding(0, Type(e), e.Number("strike"), t, e.Number("dividend"), 0, 0, 1.0)]);
            Near.Equal(e.Number("price"), book.Value, 1e-10, floor, $"{id} book value");
            double[] keyRates = e.GetProperty("keyRateLoss").Doubles();
            CurveSensitivity rates = Assert.Single(book.Sensitivities.Curves);
            for (int p = 0; p < keyRates.Length; p++)
            {
                // QuantLib's loss is a difference of two prices (~1e-16 of the price each): compare at that scale.
                Near.Equal(keyRates[p], rates.KeyRateDv01[p], 1e-8, 1e-14 * Math.Max(spot, e.Number("strike")), $"{id} key-rate DV01 {p}");
            }
        }
    }

    [Fact]
    public void On_its_expiry_date_an_option_is_worth_its_intrinsic_value()
    {
        foreach (JsonElement e in Fixtures.MultiAsset.GetProperty("expiryDay").EnumerateArray())
        {
            OptionValuation v = BlackScholesMerton.Value(new EuropeanOption(Type(e), e.Number("spot"), e.Number("strike"), 0.04, e.Number("dividend"), e.Number("volatility"), 0.0));
            Assert.Equal(e.Number("price"), v.Price);
            Assert.Equal(0.0, v.Gamma);
            Assert.Equal(0.0, v.Vega);
        }
    }

    [Fact]
    public void Bonds_on_the_curve_match_quantlib_discounting_bond_engine_with_dv01_and_key_rates()
    {
        ZeroCurve curve = Curve();
        foreach (JsonElement e in Fixtures.MultiAsset.GetProperty("bonds").EnumerateArray())
        {
            string id = $"{e.Number("couponRate")} {e.GetProperty("maturity").GetString()} {e.GetProperty("dayCount").GetString()}";
            BondCurveValuation v = BondCurvePricer.Value(Bond(e), s_valuationDate, curve);
            Near.Equal(e.Number("dirtyPrice"), v.DirtyPrice, 1e-12, what: $"{id} dirty");
            Near.Equal(e.Number("cleanPrice"), v.CleanPrice, 1e-12, what: $"{id} clean");
            Near.Equal(e.Number("accruedInterest"), v.AccruedInterest, 1e-12, 1e-14, $"{id} accrued");
            Near.Equal(e.Number("dv01"), v.Dv01, 1e-8, 1e-13, $"{id} DV01");
            double[] keyRates = e.GetProperty("keyRateDv01").Doubles();
            for (int p = 0; p < keyRates.Length; p++)
            {
                Near.Equal(keyRates[p], v.KeyRateDv01[p], 1e-8, 1e-13, $"{id} key-rate DV01 {p}");
            }
        }
    }

    [Fact]
    public void Futures_fair_value_is_quantlibs_cost_of_carry_forward()
    {
        ZeroCurve curve = Curve();
        foreach (JsonElement e in Fixtures.MultiAsset.GetProperty("futures").EnumerateArray())
        {
            double t = e.Number("expiry");
            Near.Equal(e.Number("fairValue"), FuturePricer.FairValue(e.Number("spot"), curve.ZeroRate(t), e.Number("carryYield"), t), 1e-13);
        }
    }

    [Fact]
    public void Book_full_revaluation_matches_quantlib_scenario_by_scenario_and_its_var_matches_numpy()
    {
        JsonElement b = Fixtures.MultiAsset.GetProperty("book");
        (MultiAssetBook book, ScenarioMoves moves) = FixtureBook();
        Near.Equal(b.Number("value"), book.Value, 1e-12, what: "book value");

        double[] pnl = new double[moves.Count];
        book.Revalue(moves, 1, RevaluationMethod.Full, pnl);
        double[] expected = b.GetProperty("pnl").Doubles();
        double floor = 1e-10 * b.Number("value");
        for (int s = 0; s < expected.Length; s++)
        {
            Near.Equal(expected[s], pnl[s], 1e-9, floor, $"scenario {s} P&L");
        }

        VarEs at99 = MultiAssetRisk.Measure(book, moves, new RiskOptions(0.99));
        VarEs at95 = MultiAssetRisk.Measure(book, moves, new RiskOptions(0.95));
        Near.Equal(b.Number("var99"), at99.ValueAtRisk, 1e-9, floor, "VaR 99");
        Near.Equal(b.Number("es99"), at99.ExpectedShortfall, 1e-9, floor, "ES 99");
        Near.Equal(b.Number("var95"), at95.ValueAtRisk, 1e-9, floor, "VaR 95");
        Near.Equal(b.Number("es95"), at95.ExpectedShortfall, 1e-9, floor, "ES 95");
    }

    /// <summary>The fixture's book: a stock, three options on it, a future and two bonds, with its 250 scenarios.</summary>
    internal static (MultiAssetBook Book, ScenarioMoves Moves) FixtureBook()
    {
        JsonElement b = Fixtures.MultiAsset.GetProperty("book");
        JsonElement[] options = [.. b.GetProperty("options").EnumerateArray()];
        List<Holding> holdings = [new LinearHolding(0, b.Number("stock"))];
        for (int i = 0; i < options.Length; i++)
        {
            JsonElement o = options[i];
            holdings.Add(new OptionHolding(0, Type(o), o.Number("strike"), o.Number("expiryDays") / 365.0, o.Number("dividend"), i, 0, o.Number("quantity")));
        }

        JsonElement f = b.GetProperty("future");
        holdings.Add(new FutureHolding(0, f.Number("expiryDays") / 365.0, f.Number("carryYield"), 0, f.Number("quantity")));
        holdings.AddRange(b.GetProperty("bonds").EnumerateArray().Select(e => new BondHolding(Bond(e), 0, e.Number("quantity"))));

        MarketState market = new([b.Number("spot")], [.. options.Select(o => o.Number("volatility"))], [Curve()]);
        double[] returns = b.GetProperty("returns").Doubles();
        double[] volMoves = b.GetProperty("volMoves").Doubles();
        double[][] curveRows = [.. b.GetProperty("curveMoves").EnumerateArray().Select(r => r.Doubles())];
        int n = returns.Length, pillars = curveRows[0].Length;
        double[] curveMoves = new double[pillars * n];
        for (int s = 0; s < n; s++)
        {
            for (int p = 0; p < pillars; p++)
            {
                curveMoves[(p * n) + s] = curveRows[s][p];
            }
        }

        ScenarioMoves moves = new(n, returns, [.. volMoves, .. volMoves, .. volMoves], [curveMoves]);
        return (MultiAssetBook.Create(market, s_valuationDate, holdings), moves);
    }

    internal static ZeroCurve Curve()
    {
        JsonElement c = Fixtures.MultiAsset.GetProperty("curve");
        return new ZeroCurve(c.GetProperty("pillarTimes").Doubles(), c.GetProperty("zeroRates").Doubles());
    }

    private static OptionType Type(JsonElement e) => e.GetProperty("type").GetString() == "call" ? OptionType.Call : OptionType.Put;

    private static FixedRateBond Bond(JsonElement e) => new(
        e.Number("face"),
        e.Number("couponRate"),
        e.GetProperty("frequency").GetInt32(),
        DateOnly.Parse(e.GetProperty("maturity").GetString()!, CultureInfo.InvariantCulture),
        e.GetProperty("dayCount").GetString() switch
        {
            "30/360" => DayCountConvention.Thirty360BondBasis,
            "act/act" => DayCountConvention.ActualActualIcma,
            "act/365" => DayCountConvention.Actual365Fixed,
            var d => throw new InvalidOperationException(d),
        });
}
