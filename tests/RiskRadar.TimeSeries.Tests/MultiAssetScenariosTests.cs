using RiskRadar.Analytics.Instruments.Options;
using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Analytics.Valuation;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Instruments;
using RiskRadar.TimeSeries.Books;

namespace RiskRadar.TimeSeries.Tests;

/// <summary>
/// The multi-asset construction over a scenario set in the cases the QuantLib fixture (Api tests) does not reach: a
/// pillar without history, a yield read off a second curve, a log-return set, and a book of spot instruments alone,
/// which must give exactly the linear path's P&amp;L.
/// </summary>
public sealed class MultiAssetScenariosTests
{
    private static readonly DateOnly s_today = new(2026, 10, 30);

    private static readonly Dictionary<string, InstrumentReference> s_master = new(StringComparer.Ordinal)
    {
        ["EQ.U"] = new("EQ.U", "U", AssetClasses.Equity, "XTS", 1),
        ["EQ.V"] = new("EQ.V", "V", AssetClasses.Equity, "XTS", 1),
        ["EQ.W"] = new("EQ.W", "W", AssetClasses.Equity, "USD", 1),
        ["FX.XTSUSD"] = new("FX.XTSUSD", "XTS/USD", AssetClasses.Fx, "USD", 1),
        ["IR.X.1Y"] = Pillar("IR.X.1Y", "XTS", "1Y"),
        ["IR.X.5Y"] = Pillar("IR.X.5Y", "XTS", "5Y"),
        ["IR.Y.1Y"] = Pillar("IR.Y.1Y", "YYY", "1Y"),
        ["VOL.U.3M"] = new("VOL.U.3M", "VOL.U.3M", AssetClasses.Volatility, "XTS", 1, InstrumentKinds.Volatility, Volatility: new VolatilityFactor("EQ.U", "3M", 1.0)),
        ["OP.U.C"] = new("OP.U.C", "U C", AssetClasses.Equity, "XTS", 1, InstrumentKinds.Option,
            Option: new OptionContract("EQ.U", OptionRights.Call, 100, s_today.AddDays(120), 100, DividendCurve: "YYY")),
        ["OP.V.P"] = new("OP.V.P", "V P", AssetClasses.Equity, "XTS", 1, InstrumentKinds.Option,
            Option: new OptionContract("EQ.V", OptionRights.Put, 50, s_today.AddDays(60), 100, DividendYield: 0)),
        ["BD.X"] = new("BD.X", "X 4 2031", AssetClasses.FixedIncome, "XTS", 1, InstrumentKinds.Bond,
            Bond: new BondContract(100, 0.04, 2, DayCounts.ActualActual, new DateOnly(2031, 8, 15))),
    };

    [Fact]
    public void A_pillar_without_history_leaves_the_curve_made_of_the_others_and_a_missing_surface_is_named()
    {
        var set = Set(ReturnKind.Simple, noHistory: "IR.X.5Y");
        var book = MultiAssetScenarios.Build(set, [("BD.X", 10), ("OP.U.C", -2), ("OP.V.P", 1)], s_master, "XTS", s_today, 40, _ => null);

        var excluded = Assert.Single(book.Excluded);
        Assert.Equal("OP.V.P", excluded.InstrumentId);
        Assert.Contains("No implied volatility for 'EQ.V'", excluded.Reason, StringComparison.Ordinal);
        Assert.Equal(40, book.Scenarios);
        var curve = Assert.Single(book.Sensitivities().Curves);
        Assert.Equal(["1Y"], curve.KeyRates.Select(k => k.Tenor));
        Assert.Equal(curve.Dv01, curve.KeyRates[0].Dv01, 1e-9);

        // The call's dividend yield is the second curve's zero rate at its expiry; its volatility the one node's level.
        var call = book.Positions.Single(p => p.InstrumentId == "OP.U.C");
        var years = 120 / 365.0;
        var expected = BlackScholesMerton.Value(new EuropeanOption(
            OptionType.Call, Last(set, "EQ.U"), 100, Rate(set, "IR.X.1Y", 1), Rate(set, "IR.Y.1Y", 1), Last(set, "VOL.U.3M"), years)).Price;
        Assert.Equal(100 * expected, call.UnitPrice, 1e-9);
    }

    [Fact]
    public void A_log_return_set_gives_the_same_moves_as_a_simple_one_of_the_same_closes()
    {
        IReadOnlyList<(string, double)> positions = [("EQ.U", 300), ("OP.U.C", -2), ("BD.X", 10), ("EQ.W", 50)];
        var simple = MultiAssetScenarios.Build(Set(ReturnKind.Simple), positions, s_master, "XTS", s_today, 40, _ => null);
        var log = MultiAssetScenarios.Build(Set(ReturnKind.Log), positions, s_master, "XTS", s_today, 40, _ => null);
        Assert.Empty(simple.Excluded);
        var (a, b) = (new double[40], new double[40]);
        simple.Revalue(5, RevaluationMethod.Full, a);
        log.Revalue(5, RevaluationMethod.Full, b);
        for (var s = 0; s < a.Length; s++)
        {
            Assert.Equal(a[s], b[s], 1e-7 * Math.Max(1, Math.Abs(a[s])));
        }
    }

    [Fact]
    public void A_book_of_spot_instruments_alone_has_the_linear_paths_one_day_PnL_in_any_base_currency()
    {
        var set = Set(ReturnKind.Simple);
        IReadOnlyList<(string, double)> positions = [("EQ.U", 300), ("EQ.W", -50), ("FX.XTSUSD", 1000)];
        var book = MultiAssetScenarios.Build(set, positions, s_master, "XTS", s_today, 40, _ => null);
        var pnl = new double[book.Scenarios];
        book.Revalue(1, RevaluationMethod.Full, pnl);

        List<BookInstrument> columns = [.. positions.Select(p => new BookInstrument(p.Item1, set.IndexOf(p.Item1), FxLegs.Find(set, s_master[p.Item1].Currency, "XTS")!))];
        var linear = BookReturns.Select(set, columns, 40);
        var exposures = positions.Select(p => p.Item2 * Last(set, p.Item1) * (s_master[p.Item1].Currency == "USD" ? 1 / Last(set, "FX.XTSUSD") : 1)).ToArray();
        var expected = PortfolioPnl.FromReturns(linear.Returns!, exposures);
        Assert.Equal(linear.Rows, book.Rows);
        Assert.Equal(exposures.Sum(), book.Value, 1e-9);
        for (var s = 0; s < pnl.Length; s++)
        {
            Assert.Equal(expected[s], pnl[s], 1e-9);
        }
    }

    private static InstrumentReference Pillar(string id, string curve, string tenor) =>
        new(id, id, AssetClasses.FixedIncome, curve == "YYY" ? "XTS" : curve, 1, InstrumentKinds.Rate, Rate: new RateFactor(curve, tenor));

    private static double Last(ScenarioSet set, string id) => set.LastClose(set.IndexOf(id)).Close;

    private static double Rate(ScenarioSet set, string id, double years) => ZeroCouponQuotes.Rate(Last(set, id), years);

    /// <summary>60 weekdays of seeded closes; a pillar as its zero-coupon price; <paramref name="noHistory"/> quoted on the last day only.</summary>
    private static ScenarioSet Set(ReturnKind kind, string? noHistory = null)
    {
        string[] ids = ["EQ.U", "EQ.V", "EQ.W", "FX.XTSUSD", "IR.X.1Y", "IR.X.5Y", "IR.Y.1Y", "VOL.U.3M"];
        List<DateOnly> dates = [];
        for (var day = s_today; dates.Count < 60; day = day.AddDays(-1))
        {
            if (day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                dates.Add(day);
            }
        }

        dates.Reverse();
        var random = new Random(7);
        var closes = new double[dates.Count * ids.Length];
        double[] level = [100, 50, 20, 0.8, 0.03, 0.035, 0.02, 0.25];
        for (var t = 0; t < dates.Count; t++)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                var pillar = ids[i].StartsWith("IR.", StringComparison.Ordinal);
                level[i] = pillar ? level[i] + (0.0005 * (random.NextDouble() - 0.5)) : level[i] * (1 + (0.03 * (random.NextDouble() - 0.5)));
                var close = pillar ? ZeroCouponQuotes.Price(level[i], ids[i].EndsWith("5Y", StringComparison.Ordinal) ? 5 : 1) : level[i];
                closes[(t * ids.Length) + i] = ids[i] == noHistory && t < dates.Count - 1 ? double.NaN : close;
            }
        }

        return ScenarioSetBuilder.Build(new DailyHistory(ids, dates, closes), new ScenarioSetParameters(Lookback: 59, Depth: 59, Kind: kind));
    }
}
