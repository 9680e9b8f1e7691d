using RiskRadar.Ingestion.Instruments;
using RiskRadar.Ingestion.Simulation;

namespace RiskRadar.Ingestion.Tests;

public sealed class RegimeJumpSimulatorTests
{
    private const double Daily = 1.0 / 252;
    private static readonly IReadOnlyList<InstrumentDefinition> Universe = InstrumentUniverse.Load(Path.Combine(AppContext.BaseDirectory, "Instruments", "instruments.json"));

    private static RegimeOptions Regimes => new() { Enabled = true, CalmToStressed = 0.02, StressedToCalm = 0.05, StressVolatilityMultiplier = 2.5 };

    private static JumpOptions Jumps => new() { Enabled = true, Intensity = 25, Mean = 0, StdDev = 0.05, MaxLogJump = 0.2 };

    [Fact]
    public void With_regimes_and_jumps_the_same_seed_gives_the_same_path()
    {
        var a = new CorrelatedGbmSimulator(Universe, 11, regimes: Regimes, jumps: Jumps);
        var b = new CorrelatedGbmSimulator(Universe, 11, regimes: Regimes, jumps: Jumps);
        var c = new CorrelatedGbmSimulator(Universe, 12, regimes: Regimes, jumps: Jumps);
        for (var t = 0; t < 500; t++)
        {
            a.Step(Daily);
            b.Step(Daily);
            c.Step(Daily);
            Assert.Equal(a.Stressed, b.Stressed);
        }

        Assert.Equal(a.Prices.ToArray(), b.Prices.ToArray());
        Assert.NotEqual(a.Prices.ToArray(), c.Prices.ToArray());
    }

    [Fact]
    public void Switched_off_regimes_and_jumps_reproduce_plain_gbm_exactly()
    {
        var plain = new CorrelatedGbmSimulator(Universe, 5);
        var off = new CorrelatedGbmSimulator(Universe, 5, regimes: new RegimeOptions { Enabled = false }, jumps: new JumpOptions { Enabled = false });
        for (var t = 0; t < 200; t++)
        {
            plain.Step(Daily);
            off.Step(Daily);
        }

        Assert.Equal(plain.Prices.ToArray(), off.Prices.ToArray());
        Assert.False(off.Stressed);
    }

    [Fact]
    public void Jumps_fatten_the_tails_and_plain_gbm_has_none()
    {
        var aapl = Universe.ToList().FindIndex(i => i.Id == "EQ.AAPL");
        var withJumps = ExcessKurtosis(LogReturns(new CorrelatedGbmSimulator(Universe, 3, jumps: Jumps), aapl, 20_000));
        var withoutJumps = ExcessKurtosis(LogReturns(new CorrelatedGbmSimulator(Universe, 3), aapl, 20_000));

        // λΔt ≈ 0.1 jumps a day of sd 0.05 next to a daily diffusion sd of 0.016: theory says about 7.
        Assert.True(withJumps > 2, $"excess kurtosis with jumps {withJumps}");
        // Standard error of the sample excess kurtosis of a normal sample is √(24/n) ≈ 0.035.
        Assert.InRange(withoutJumps, -0.2, 0.2);
    }

    [Fact]
    public void Jumps_stay_within_the_clamp_so_the_default_outlier_threshold_lets_them_through()
    {
        var jumps = new JumpOptions { Enabled = true, Intensity = 1e6, Mean = 0, StdDev = 0.5, MaxLogJump = 0.2 };
        var simulator = new CorrelatedGbmSimulator(Universe, 9, jumps: jumps);
        var returns = LogReturns(simulator, 0, 2_000, dt: 1e-7);

        Assert.All(returns, r => Assert.True(Math.Abs(r) < 0.25, $"log return {r}"));
        Assert.Contains(returns, r => Math.Abs(r) > 0.19);
    }

    [Fact]
    public void Stressed_steps_are_more_volatile_by_the_multiplier()
    {
        var simulator = new CorrelatedGbmSimulator(Universe, 21, regimes: Regimes);
        var calm = new List<double>();
        var stressed = new List<double>();
        var previous = simulator.Prices[0];
        for (var t = 0; t < 40_000; t++)
        {
            simulator.Step(Daily);
            var price = simulator.Prices[0];
            (simulator.Stressed ? stressed : calm).Add(Math.Log(price / previous));
            previous = price;
        }

        // The stationary share of stressed steps is p(calm→stressed) / (sum of both) = 0.02 / 0.07.
        Assert.InRange(stressed.Count / 40_000.0, 0.2, 0.37);
        Assert.InRange(StdDev(stressed) / StdDev(calm), 2.3, 2.7);
    }

    private static List<double> LogReturns(CorrelatedGbmSimulator simulator, int instrument, int steps, double dt = Daily)
    {
        var returns = new List<double>(steps);
        var previous = simulator.Prices[instrument];
        for (var t = 0; t < steps; t++)
        {
            simulator.Step(dt);
            var price = simulator.Prices[instrument];
            returns.Add(Math.Log(price / previous));
            previous = price;
        }

        return returns;
    }

    private static double ExcessKurtosis(IReadOnlyList<double> x)
    {
        var mean = x.Average();
        double m2 = 0, m4 = 0;
        foreach (var v in x)
        {
            var d = (v - mean) * (v - mean);
            m2 += d;
            m4 += d * d;
        }

        m2 /= x.Count;
        m4 /= x.Count;
        return (m4 / (m2 * m2)) - 3;
    }

    private static double StdDev(IReadOnlyList<double> x)
    {
        var mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1));
    }
}
