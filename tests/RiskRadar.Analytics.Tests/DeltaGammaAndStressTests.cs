using System.Text.Json;

using RiskRadar.Analytics.Instruments;
using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Stress;

namespace RiskRadar.Analytics.Tests;

public class DeltaGammaAndStressTests
{
    [Fact]
    public void Delta_gamma_cumulants_and_vars_match_the_eigen_decomposition_reference()
    {
        foreach (JsonElement e in Fixtures.Risk.GetProperty("deltaGamma").EnumerateArray())
        {
            RiskOptions o = new(e.Number("confidence"), e.GetProperty("horizon").GetInt32());
            DeltaGammaRisk r = DeltaGamma.Compute(e.GetProperty("deltas").Doubles(), e.GetProperty("gammas").Doubles(), e.GetProperty("spots").Doubles(), e.GetProperty("covariance").Doubles(), o);
            string id = e.GetProperty("name").GetString()!;
            Near.Equal(e.Number("mean"), r.Mean, 1e-10, 1e-12, $"{id} mean");
            Near.Equal(e.Number("variance"), r.Variance, 1e-10, what: $"{id} variance");
            Near.Equal(e.Number("skewness"), r.Skewness, 1e-9, 1e-12, $"{id} skewness");
            Near.Equal(e.Number("excessKurtosis"), r.ExcessKurtosis, 1e-9, 1e-12, $"{id} kurtosis");
            Near.Equal(e.Number("deltaNormalVar"), r.DeltaNormalVar, 1e-10, what: $"{id} delta-normal");
            Near.Equal(e.Number("deltaGammaNormalVar"), r.DeltaGammaNormalVar, 1e-10, what: $"{id} delta-gamma normal");
            Near.Equal(e.Number("cornishFisherVar"), r.CornishFisherVar, 1e-10, what: $"{id} Cornish-Fisher");
        }
    }

    [Fact]
    public void Stress_scenarios_give_the_reference_pnl_by_position()
    {
        JsonElement stress = Fixtures.Risk.GetProperty("stress");
        List<StressPosition> positions = Positions(stress);
        foreach (JsonElement sc in stress.GetProperty("scenarios").EnumerateArray())
        {
            StressScenario scenario = new(sc.GetProperty("name").GetString()!, sc.GetProperty("shocks").EnumerateArray().Select(s => new Shock(
                s.GetProperty("target").GetString() switch { "instrument" => ShockTarget.Instrument, "assetClass" => ShockTarget.AssetClass, _ => ShockTarget.Factor },
                s.GetProperty("name").GetString()!,
                s.GetProperty("kind").GetString() == "relative" ? ShockKind.Relative : ShockKind.Absolute,
                s.Number("size"))).ToList());
            StressResult r = StressTester.Apply(positions, scenario);
            JsonElement expected = sc.GetProperty("expected");
            for (int i = 0; i < positions.Count; i++)
            {
                JsonElement row = expected.GetProperty("positions")[i];
                Assert.Equal(row.GetProperty("instrument").GetString(), r.Positions[i].Instrument);
                Near.Equal(row.Number("priceChange"), r.Positions[i].PriceChange, 1e-13, 1e-13, $"{scenario.Name} {r.Positions[i].Instrument} price change");
                Near.Equal(row.Number("pnl"), r.Positions[i].Pnl, 1e-13, 1e-10, $"{scenario.Name} {r.Positions[i].Instrument} P&L");
            }

            Near.Equal(expected.Number("total"), r.TotalPnl, 1e-13, 1e-9, $"{scenario.Name} total");
        }
    }

    [Fact]
    public void Historical_window_replay_applies_cumulative_returns_to_todays_positions()
    {
        JsonElement window = Fixtures.Risk.GetProperty("stress").GetProperty("window");
        string[] lines = File.ReadAllLines(Fixtures.PathOf("prices.csv"));
        string[] names = lines[0].Split(',')[1..];
        double[] prices = lines.Skip(1).SelectMany(l => l.Split(',')[1..].Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        double[] last = prices[^names.Length..];
        List<StressPosition> positions = names.Select((n, i) => new StressPosition(n, Fixtures.Exposures[i] / last[i], last[i], "any")).ToList();
        StressResult r = StressTester.ReplayWindow(positions, names, prices, window.GetProperty("start").GetInt32(), window.GetProperty("end").GetInt32(), "window");
        for (int i = 0; i < names.Length; i++)
        {
            Near.Equal(window.GetProperty("pnl").Number(names[i]), r.Positions[i].Pnl, 1e-12, 1e-9, names[i]);
        }
    }

    [Fact]
    public void A_shock_that_makes_a_price_non_positive_is_rejected()
    {
        List<StressPosition> positions = [new("X", 1, 10, "equity")];
        Assert.Throws<ArgumentException>(() => new Shock(ShockTarget.Instrument, "X", ShockKind.Relative, -1.0));
        Assert.Throws<ArgumentException>(() => StressTester.Apply(positions, new StressScenario("s", [new Shock(ShockTarget.Instrument, "X", ShockKind.Absolute, -10)])));
    }

    private static List<StressPosition> Positions(JsonElement stress) => stress.GetProperty("positions").EnumerateArray().Select(p => new StressPosition(
        p.GetProperty("instrument").GetString()!, p.Number("quantity"), p.Number("price"), p.GetProperty("assetClass").GetString()!,
        p.GetProperty("loadings").EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetDouble()))).ToList();
}
