using System.Globalization;
using System.Text.Json;

using static RiskRadar.Cli.Tests.CliRunner;

namespace RiskRadar.Cli.Tests;

public class PortfolioCommandTests
{
    private static readonly JsonElement s_risk = Expected("risk_expected.json");
    private static readonly JsonElement s_fPortfolio = Expected("fportfolio_expected.json");

    [Theory]
    [InlineData("min-variance", "longOnlyMinVariance", true, 1e-9)]
    [InlineData("max-sharpe", "longOnlyMaxSharpe", true, 1e-7)]
    [InlineData("max-sharpe", "unconstrainedMaxSharpe", false, 1e-7)]
    public void Optimize_matches_fportfolio(string objective, string key, bool longOnly, double tolerance)
    {
        List<string> args = ["optimize", "--prices", Fixture("prices.csv"), "--objective", objective, "--risk-free", "0.02"];
        if (longOnly)
        {
            args.Add("--long-only");
        }

        JsonElement r = Json([.. args]);
        foreach (JsonProperty w in s_fPortfolio.GetProperty("portfolios").GetProperty(key).GetProperty("weights").EnumerateObject())
        {
            Near(w.Value.GetDouble(), r.GetProperty("weights").GetProperty(w.Name).GetDouble(), 0.0, tolerance, w.Name);
        }
    }

    [Theory]
    [InlineData("min-variance", "longOnlyMinVariance")]
    [InlineData("max-sharpe", "longOnlyMaxSharpe")]
    [InlineData("risk-parity", "riskParity")]
    public void Optimize_reports_weights_and_annualised_statistics(string objective, string key)
    {
        JsonElement e = s_risk.GetProperty("optimisation").GetProperty(key);
        JsonElement r = Json("optimize", "--prices", Fixture("prices.csv"), "--objective", objective, "--risk-free", "0.02", "--long-only");
        foreach (JsonProperty w in e.GetProperty("weights").EnumerateObject())
        {
            Near(w.Value.GetDouble(), r.GetProperty("weights").GetProperty(w.Name).GetDouble(), 0.0, 1e-9, w.Name);
        }

        foreach (string name in new[] { "expectedReturn", "volatility", "sharpe" })
        {
            Near(e.GetProperty(name).GetDouble(), r.GetProperty(name).GetDouble(), 1e-8, 1e-10, name);
        }
    }

    [Fact]
    public void Optimize_with_weight_bounds_matches_the_box_reference()
    {
        JsonElement e = s_risk.GetProperty("optimisation").GetProperty("boxMinVariance");
        JsonElement r = Json("optimize", "--prices", Fixture("prices.csv"), "--objective", "min-variance",
            "--min-weight", e.GetProperty("lower").GetDouble().ToString("R", CultureInfo.InvariantCulture),
            "--max-weight", e.GetProperty("upper").GetDouble().ToString("R", CultureInfo.InvariantCulture));
        foreach (JsonProperty w in e.GetProperty("weights").EnumerateObject())
        {
            Near(w.Value.GetDouble(), r.GetProperty("weights").GetProperty(w.Name).GetDouble(), 0.0, 1e-9, w.Name);
        }
    }

    [Fact]
    public void Backtest_matches_scipy_reference()
    {
        JsonElement e = s_risk.GetProperty("backtests")[0];
        JsonElement r = Json("backtest", "--losses", Fixture("losses.csv"), "--var", Fixture("var.csv"), "--confidence", "0.99");
        Assert.Equal(e.GetProperty("observations").GetInt32(), r.GetProperty("observations").GetInt32());
        Assert.Equal(e.GetProperty("failures").GetInt32(), r.GetProperty("failures").GetInt32());
        Near(e.GetProperty("kupiecLr").GetDouble(), r.GetProperty("kupiec").GetProperty("lr").GetDouble(), 1e-10);
        Near(e.GetProperty("kupiecPValue").GetDouble(), r.GetProperty("kupiec").GetProperty("pValue").GetDouble(), 1e-8);
        JsonElement ch = r.GetProperty("christoffersen");
        Near(e.GetProperty("independenceLr").GetDouble(), ch.GetProperty("independence").GetProperty("lr").GetDouble(), 1e-10);
        Near(e.GetProperty("conditionalCoverageLr").GetDouble(), ch.GetProperty("conditionalCoverage").GetProperty("lr").GetDouble(), 1e-10);
        Near(e.GetProperty("conditionalCoveragePValue").GetDouble(), ch.GetProperty("conditionalCoverage").GetProperty("pValue").GetDouble(), 1e-8);
        Assert.Equal(e.GetProperty("n11").GetInt32(), ch.GetProperty("n11").GetInt32());
        Assert.Equal(e.GetProperty("zone").GetString(), r.GetProperty("trafficLight").GetProperty("zone").GetString());
    }
}
