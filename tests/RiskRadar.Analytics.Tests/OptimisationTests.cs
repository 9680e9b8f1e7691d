using System.Text.Json;

using RiskRadar.Analytics.Optimisation;

namespace RiskRadar.Analytics.Tests;

/// <summary>
/// Against exact KKT solutions computed with numpy/scipy (1e-9), scipy-polished box tangency (1e-7), and
/// fPortfolio (quadprog min-variance 1e-9; tangency found by fPortfolio's 1-D frontier search, 1e-7).
/// </summary>
public class OptimisationTests
{
    private static readonly ReturnMoments s_moments = ReturnMoments.FromReturns(Fixtures.Returns);

    public static TheoryData<string, string, double> Scipy() => new()
    {
        { "unconstrainedMinVariance", "min", 1e-9 },
        { "unconstrainedMaxSharpe", "sharpe", 1e-9 },
        { "longOnlyMinVariance", "min-long", 1e-9 },
        { "longOnlyMaxSharpe", "sharpe-long", 1e-9 },
        { "longOnlyMaxSharpeHighRf", "sharpe-long", 1e-9 },
        { "boxMinVariance", "min-box", 1e-9 },
        { "boxMaxSharpe", "sharpe-box", 1e-7 },
        { "riskParity", "erc", 1e-10 },
    };

    [Theory]
    [MemberData(nameof(Scipy))]
    public void Matches_scipy_reference(string key, string setup, double tolerance)
    {
        JsonElement e = Fixtures.Risk.GetProperty("optimisation").GetProperty(key);
        OptimisedPortfolio p = Run(setup, e.Number("riskFree"), e);
        AssertWeights(e.GetProperty("weights"), p, tolerance);
        Near.Equal(e.Number("expectedReturn"), p.ExpectedReturn, 1e-6, 1e-9, "expected return");
        Near.Equal(e.Number("volatility"), p.Volatility, 1e-6, 1e-9, "volatility");
        Near.Equal(e.Number("sharpe"), p.Sharpe, 1e-6, 1e-9, "Sharpe");
    }

    public static TheoryData<string, string, double> FPortfolio() => new()
    {
        { "longOnlyMinVariance", "min-long", 1e-9 },
        { "unconstrainedMinVariance", "min", 1e-9 },
        { "boxMinVariance", "min-box", 1e-9 },
        { "longOnlyMaxSharpe", "sharpe-long", 1e-7 },
        { "longOnlyMaxSharpeHighRf", "sharpe-long-high", 1e-7 },
        { "unconstrainedMaxSharpe", "sharpe", 1e-7 },
        { "boxMaxSharpe", "sharpe-box", 1e-7 },
    };

    [Theory]
    [MemberData(nameof(FPortfolio))]
    public void Matches_fportfolio(string key, string setup, double tolerance)
    {
        JsonElement e = Fixtures.FPortfolio.GetProperty("portfolios").GetProperty(key);
        double rf = setup == "sharpe-long-high" ? 0.10 : Fixtures.FPortfolio.Number("riskFreeAnnual");
        OptimisedPortfolio p = Run(setup.Replace("-high", string.Empty, StringComparison.Ordinal), rf, Fixtures.Risk.GetProperty("optimisation").GetProperty("boxMaxSharpe"));
        AssertWeights(e.GetProperty("weights"), p, tolerance);
        Near.Equal(e.Number("targetReturn") * 252, p.ExpectedReturn, 1e-6, 1e-9, "target return");
    }

    [Fact]
    public void Risk_parity_equalises_risk_contributions()
    {
        OptimisedPortfolio p = PortfolioOptimizer.Optimise(s_moments, OptimisationObjective.RiskParity, PortfolioConstraints.LongOnlyPortfolio);
        Assert.All(p.RiskContributions, rc => Near.Equal(1.0 / p.Weights.Count, rc, 1e-12));
        Assert.All(p.Weights, w => Assert.True(w > 0));
        Near.Equal(1.0, p.Weights.Sum(), 1e-14);
    }

    [Fact]
    public void Min_variance_is_not_beaten_by_random_feasible_portfolios()
    {
        OptimisedPortfolio best = PortfolioOptimizer.Optimise(s_moments, OptimisationObjective.MinimumVariance, PortfolioConstraints.LongOnlyPortfolio);
        Random rng = new(3);
        for (int k = 0; k < 200; k++)
        {
            double[] w = Enumerable.Range(0, 5).Select(_ => rng.NextDouble()).ToArray();
            double s = w.Sum();
            double variance = Variance(w.Select(x => x / s).ToArray());
            Assert.True(variance >= Variance([.. best.Weights]) - 1e-18);
        }
    }

    [Fact]
    public void Unattainable_tangency_and_infeasible_bounds_are_reported()
    {
        // Every asset below a 1000% risk-free rate: no long-only portfolio has a positive excess return.
        ArgumentException ex = Assert.Throws<ArgumentException>(() => PortfolioOptimizer.Optimise(s_moments, OptimisationObjective.MaximumSharpe, PortfolioConstraints.LongOnlyPortfolio, 10.0));
        Assert.Contains("risk-free", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PortfolioOptimizer.Optimise(s_moments, OptimisationObjective.MinimumVariance, new PortfolioConstraints(true, null, Enumerable.Repeat(0.1, 5).ToArray())));
    }

    private static OptimisedPortfolio Run(string setup, double rf, JsonElement box)
    {
        PortfolioConstraints constraints = setup switch
        {
            "min" or "sharpe" => PortfolioConstraints.Unconstrained,
            "min-box" or "sharpe-box" => new PortfolioConstraints(false, Enumerable.Repeat(box.Number("lower"), 5).ToArray(), Enumerable.Repeat(box.Number("upper"), 5).ToArray()),
            _ => PortfolioConstraints.LongOnlyPortfolio,
        };
        OptimisationObjective objective = setup.StartsWith("min", StringComparison.Ordinal) ? OptimisationObjective.MinimumVariance
            : setup.StartsWith("sharpe", StringComparison.Ordinal) ? OptimisationObjective.MaximumSharpe
            : OptimisationObjective.RiskParity;
        return PortfolioOptimizer.Optimise(s_moments, objective, constraints, rf);
    }

    private static void AssertWeights(JsonElement expected, OptimisedPortfolio p, double tolerance)
    {
        for (int i = 0; i < p.Instruments.Count; i++)
        {
            Near.Equal(expected.Number(p.Instruments[i]), p.Weights[i], 0.0, tolerance, $"weight {p.Instruments[i]}");
        }
    }

    private static double Variance(double[] w)
    {
        double v = 0.0;
        for (int i = 0; i < w.Length; i++)
        {
            for (int j = 0; j < w.Length; j++)
            {
                v += w[i] * w[j] * s_moments.Covariance[(i * w.Length) + j];
            }
        }

        return v;
    }
}
