using System.Globalization;
using System.Text.Json;

using RiskRadar.Analytics.Backtesting;

namespace RiskRadar.Analytics.Tests;

public class BacktestTests
{
    [Fact]
    public void Matlab_varbacktest_published_example()
    {
        // MathWorks varbacktest documentation: 1043 days at 95%, 57 failures; POF 0.46147, CC 0.72013 (5 digits).
        JsonElement e = Fixtures.Risk.GetProperty("matlabVarbacktest");
        LikelihoodRatio pof = Kupiec.ProportionOfFailures(1043, 57, 0.95);
        TransitionCounts counts = new(e.GetProperty("n00").GetInt32(), e.GetProperty("n01").GetInt32(), e.GetProperty("n10").GetInt32(), e.GetProperty("n11").GetInt32());
        LikelihoodRatio cc = Christoffersen.ConditionalCoverage(pof, Christoffersen.Independence(counts));
        Near.Equal(e.Number("pofLr"), pof.Statistic, 0.0, 5e-6, "POF LR");
        Near.Equal(e.Number("ccLr"), cc.Statistic, 0.0, 5e-6, "CC LR");
        Assert.Equal(1, pof.DegreesOfFreedom);
        Assert.Equal(2, cc.DegreesOfFreedom);
    }

    [Fact]
    public void Fixture_backtests_match_scipy()
    {
        double[] losses = ReadLast("losses.csv"), var = ReadLast("var.csv");
        foreach (JsonElement e in Fixtures.Risk.GetProperty("backtests").EnumerateArray())
        {
            double c = e.Number("confidence");
            double[] v = e.TryGetProperty("var", out _) ? var : losses.Select(_ => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, c) * 10000.0).ToArray();
            VarBacktestResult r = VarBacktest.Run(losses, v, c);
            Assert.Equal(e.GetProperty("observations").GetInt32(), r.Observations);
            Assert.Equal(e.GetProperty("failures").GetInt32(), r.Failures);
            Assert.Equal(new TransitionCounts(e.GetProperty("n00").GetInt32(), e.GetProperty("n01").GetInt32(), e.GetProperty("n10").GetInt32(), e.GetProperty("n11").GetInt32()), r.Transitions);
            Near.Equal(e.Number("kupiecLr"), r.ProportionOfFailures.Statistic, 1e-10, what: "POF LR");
            Near.Equal(e.Number("kupiecPValue"), r.ProportionOfFailures.PValue, 1e-8, what: "POF p");
            Near.Equal(e.Number("independenceLr"), r.Independence.Statistic, 1e-10, what: "IND LR");
            Near.Equal(e.Number("independencePValue"), r.Independence.PValue, 1e-8, what: "IND p");
            Near.Equal(e.Number("conditionalCoverageLr"), r.ConditionalCoverage.Statistic, 1e-10, what: "CC LR");
            Near.Equal(e.Number("conditionalCoveragePValue"), r.ConditionalCoverage.PValue, 1e-8, what: "CC p");
            Near.Equal(e.Number("cumulativeProbability"), r.CumulativeProbability, 1e-12, what: "binomial CDF");
            Assert.Equal(e.GetProperty("zone").GetString(), r.Zone.ToString().ToLowerInvariant());
        }
    }

    [Fact]
    public void Basel_zones_for_250_days_at_99_percent()
    {
        foreach (JsonElement e in Fixtures.Risk.GetProperty("trafficLight250").EnumerateArray())
        {
            int x = e.GetProperty("failures").GetInt32();
            (TrafficLightZone zone, double p) = TrafficLight.Classify(250, x, 0.99);
            Near.Equal(e.Number("cumulativeProbability"), p, 1e-12, what: $"P(X ≤ {x})");
            TrafficLightZone expected = x <= 4 ? TrafficLightZone.Green : x <= 9 ? TrafficLightZone.Yellow : TrafficLightZone.Red;
            Assert.Equal(expected, zone);
        }
    }

    [Fact]
    public void Boundary_counts_have_finite_statistics()
    {
        Assert.True(double.IsFinite(Kupiec.ProportionOfFailures(250, 0, 0.99).Statistic));
        Assert.True(double.IsFinite(Kupiec.ProportionOfFailures(250, 250, 0.99).Statistic));
        LikelihoodRatio ind = Christoffersen.Independence(new TransitionCounts(249, 0, 0, 0));
        Assert.Equal(0.0, ind.Statistic);
        Assert.Equal(1.0, ind.PValue, 12);
    }

    private static double[] ReadLast(string name) =>
        File.ReadAllLines(Fixtures.PathOf(name)).Skip(1).Select(l => double.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture)).ToArray();
}
