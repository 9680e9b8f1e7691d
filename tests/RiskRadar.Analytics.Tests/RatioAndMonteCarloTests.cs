using System.Text.Json;

using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;

namespace RiskRadar.Analytics.Tests;

public class RatioAndMonteCarloTests
{
    [Fact]
    public void Ratios_match_numpy_for_each_risk_free_rate_and_frequency()
    {
        foreach (JsonElement e in Fixtures.Risk.GetProperty("ratios").EnumerateArray())
        {
            PerformanceRatios r = PerformanceRatios.ForPortfolio(Fixtures.Returns, Fixtures.Exposures, e.Number("riskFree"), e.GetProperty("periodsPerYear").GetInt32());
            Near.Equal(e.Number("volatility"), r.Volatility, 1e-10, what: "volatility");
            Near.Equal(e.Number("sharpe"), r.Sharpe, 1e-10, what: "Sharpe");
            Near.Equal(e.Number("sortino"), r.Sortino, 1e-10, what: "Sortino");
            Near.Equal(e.Number("maxDrawdown"), r.MaxDrawdown, 1e-10, what: "max drawdown");
        }
    }

    [Fact]
    public void Beta_tracking_error_and_information_ratio_match_numpy()
    {
        double[] benchmark = File.ReadAllLines(Fixtures.PathOf("benchmark.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        double total = Fixtures.Exposures.Sum();
        double[] rp = PortfolioPnl.FromReturns(Fixtures.Returns, Fixtures.Exposures).Select(x => x / total).ToArray();
        BenchmarkStatistics b = BenchmarkStatistics.Compute(rp, benchmark);
        JsonElement e = Fixtures.Risk.GetProperty("benchmark");
        Near.Equal(e.Number("beta"), b.Beta, 1e-10, what: "beta");
        Near.Equal(e.Number("trackingError"), b.TrackingError, 1e-10, what: "tracking error");
        Near.Equal(e.Number("informationRatio"), b.InformationRatio, 1e-10, what: "information ratio");
    }

    [Fact]
    public void Max_drawdown_of_a_known_path()
    {
        // Wealth 1 → 1.1 → 0.77 → 0.847 → 0.6776: the trough is 38.4% below the 1.1 peak.
        PerformanceRatios r = PerformanceRatios.FromReturns([0.10, -0.30, 0.10, -0.20]);
        Near.Equal(1.0 - (0.6776 / 1.1), r.MaxDrawdown, 1e-13);
    }

    [Fact]
    public void Sortino_is_infinite_without_downside()
    {
        Assert.True(double.IsPositiveInfinity(PerformanceRatios.FromReturns([0.01, 0.02, 0.015]).Sortino));
    }

    /// <summary>
    /// RNG streams differ from numpy's, so Monte Carlo is checked statistically: with N paths the VaR estimator's
    /// standard error is σ√(α(1−α)/N)/φ(z_c); the estimate must land within 5 standard errors of the analytic
    /// normal VaR (same mean and covariance). ES uses the tail's own standard error σ/√(Nα), also ×5.
    /// </summary>
    [Theory]
    [InlineData(0, 11)]
    [InlineData(1, 12)]
    [InlineData(1, 13)]
    public void Monte_carlo_agrees_with_analytic_normal_within_sampling_error(int index, int seed)
    {
        const int paths = 200_000;
        JsonElement e = Fixtures.Risk.GetProperty("monteCarlo")[index];
        double c = e.Number("confidence"), sigma = e.Number("sigma"), alpha = 1.0 - c;
        VarEs mc = MonteCarloVar.Compute(Fixtures.Returns, Fixtures.Exposures, new RiskOptions(c), paths, seed);
        double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, c);
        double phi = Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
        double seVar = sigma * Math.Sqrt(alpha * (1 - alpha) / paths) / phi;
        double seEs = sigma / Math.Sqrt(paths * alpha);
        Near.Equal(e.Number("var"), mc.ValueAtRisk, 0.0, 5 * seVar, "MC VaR");
        Near.Equal(e.Number("es"), mc.ExpectedShortfall, 0.0, 5 * seEs, "MC ES");
    }

    [Fact]
    public void Monte_carlo_is_reproducible_by_seed_and_varies_across_seeds()
    {
        RiskOptions o = new(0.99);
        VarEs a = MonteCarloVar.Compute(Fixtures.Returns, Fixtures.Exposures, o, 5000, 7);
        VarEs b = MonteCarloVar.Compute(Fixtures.Returns, Fixtures.Exposures, o, 5000, 7);
        VarEs c = MonteCarloVar.Compute(Fixtures.Returns, Fixtures.Exposures, o, 5000, 8);
        Assert.Equal(a, b);
        Assert.NotEqual(a.ValueAtRisk, c.ValueAtRisk);
    }

    [Fact]
    public void Monte_carlo_rejects_a_singular_covariance()
    {
        // Two identical instruments: S is singular and has no Cholesky factor.
        double[] prices = [100, 100, 101, 101, 99, 99, 102, 102];
        ReturnMatrix r = ReturnMatrix.FromPrices(["A", "B"], prices);
        ArgumentException ex = Assert.Throws<ArgumentException>(() => MonteCarloVar.Compute(r, [1.0, 1.0], new RiskOptions(0.99)));
        Assert.Contains("positive definite", ex.Message, StringComparison.Ordinal);
    }
}
