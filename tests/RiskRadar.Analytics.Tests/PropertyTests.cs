using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;

namespace RiskRadar.Analytics.Tests;

/// <summary>Structural properties every measure must have, over random portfolios on the fixture returns.</summary>
public class PropertyTests
{
    private static readonly ReturnMatrix s_returns = Fixtures.Returns;

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Expected_shortfall_is_at_least_var_for_every_method(int seed)
    {
        double[] v = RandomExposures(seed);
        foreach (double c in new[] { 0.9, 0.95, 0.99 })
        {
            foreach (VarEs m in AllMethods(v, new RiskOptions(c, 1 + (seed % 3))))
            {
                Assert.True(m.ExpectedShortfall >= m.ValueAtRisk - (1e-12 * Math.Abs(m.ValueAtRisk)), $"ES {m.ExpectedShortfall} < VaR {m.ValueAtRisk} at {c}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Components_sum_to_zero_mean_parametric_var(int seed)
    {
        double[] v = RandomExposures(seed);
        RiskOptions o = new(0.99, 10);
        ParametricRisk p = ParametricVar.FromReturns(s_returns, v, o);

        // Euler allocation of the zero-mean VaR z√h σ, i.e. the reported VaR plus the μh it subtracts.
        Near.Equal(p.ValueAtRisk + (p.Mean * o.Horizon), p.ComponentVar.Sum(), 1e-12);
        Near.Equal(ParametricVar.FromMoments(0.0, p.StandardDeviation, o).ValueAtRisk, p.ComponentVar.Sum(), 1e-12);

        ParametricRisk ewma = EwmaVar.Compute(s_returns, v, o);
        Near.Equal(ewma.ValueAtRisk, ewma.ComponentVar.Sum(), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Var_is_positively_homogeneous(int seed)
    {
        double[] v = RandomExposures(seed);
        double k = 0.5 + (seed * 1.7);
        double[] kv = v.Select(x => x * k).ToArray();
        RiskOptions o = new(0.975, 2);
        VarEs[] baseline = AllMethods(v, o);
        VarEs[] scaled = AllMethods(kv, o);
        for (int i = 0; i < baseline.Length; i++)
        {
            Near.Equal(k * baseline[i].ValueAtRisk, scaled[i].ValueAtRisk, 1e-11, what: $"method {i} VaR");
            Near.Equal(k * baseline[i].ExpectedShortfall, scaled[i].ExpectedShortfall, 1e-11, what: $"method {i} ES");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Permuting_instruments_changes_nothing(int seed)
    {
        double[] v = RandomExposures(seed);
        string[] names = [.. s_returns.Instruments];
        int[] perm = Enumerable.Range(0, names.Length).ToArray();
        new Random(seed).Shuffle(perm);
        ReturnMatrix permuted = s_returns.Select(perm.Select(i => names[i]).ToArray());
        double[] pv = perm.Select(i => v[i]).ToArray();
        RiskOptions o = new(0.99, 1);

        VarEs[] a = AllMethods(v, o, includeMonteCarlo: false);
        VarEs[] b = AllMethods(pv, o, includeMonteCarlo: false, returns: permuted);
        for (int i = 0; i < a.Length; i++)
        {
            Near.Equal(a[i].ValueAtRisk, b[i].ValueAtRisk, 1e-12, what: $"method {i} VaR");
            Near.Equal(a[i].ExpectedShortfall, b[i].ExpectedShortfall, 1e-12, what: $"method {i} ES");
        }

        ParametricRisk pa = ParametricVar.FromReturns(s_returns, v, o), pb = ParametricVar.FromReturns(permuted, pv, o);
        for (int j = 0; j < perm.Length; j++)
        {
            Near.Equal(pa.ComponentVar[perm[j]], pb.ComponentVar[j], 1e-12, 1e-9, "component");
        }

        // The Cholesky factor depends on the order, so Monte Carlo paths differ: equal in distribution only.
        VarEs ma = MonteCarloVar.Compute(s_returns, v, o, 100_000, seed), mb = MonteCarloVar.Compute(permuted, pv, o, 100_000, seed);
        Near.Equal(ma.ValueAtRisk, mb.ValueAtRisk, 0.05, what: "Monte Carlo VaR under permutation");
    }

    private static VarEs[] AllMethods(double[] v, RiskOptions o, bool includeMonteCarlo = true, ReturnMatrix? returns = null)
    {
        ReturnMatrix r = returns ?? s_returns;
        List<VarEs> all =
        [
            HistoricalVar.Compute(r, v, o),
            HistoricalVar.Compute(r, v, new RiskOptions(o.Confidence, o.Horizon, QuantileRule.BaselOrderStatistic)),
            AsVarEs(ParametricVar.FromReturns(r, v, o)),
            CornishFisherVar.Compute(r, v, o),
            AsVarEs(EwmaVar.Compute(r, v, o)),
        ];
        if (includeMonteCarlo)
        {
            all.Add(MonteCarloVar.Compute(r, v, o, 20_000, 5));
        }

        return [.. all];
    }

    private static VarEs AsVarEs(ParametricRisk p) => new(p.ValueAtRisk, p.ExpectedShortfall);

    private static double[] RandomExposures(int seed)
    {
        Random rng = new(seed);
        return Enumerable.Range(0, s_returns.Count).Select(_ => (rng.NextDouble() * 2e5) - 5e4).ToArray();
    }
}
