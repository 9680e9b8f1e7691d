using RiskRadar.Analytics.Instruments.Volatility;

namespace RiskRadar.Analytics.Tests;

public sealed class VolatilitySurfaceTests
{
    // 1M at the money only; 6M with a smile; 1Y with two wings.
    private static readonly (double, double)[] s_nodes = [(1 / 12.0, 1.0), (0.5, 0.9), (0.5, 1.0), (0.5, 1.1), (1.0, 0.9), (1.0, 1.1)];
    private static readonly double[] s_levels = [0.30, 0.32, 0.28, 0.26, 0.30, 0.25];

    [Fact]
    public void Between_expiries_it_is_linear_in_expiry_of_each_expiry_s_smile_read_linearly_in_moneyness()
    {
        var surface = new VolatilitySurface(s_nodes);
        // A quarter of the way from 6M to 1Y, at moneyness 0.95: 6M smile 0.30, 1Y smile 0.2875.
        var expected = (0.75 * 0.30) + (0.25 * (0.30 - (0.25 * 0.05)));
        Assert.Equal(expected, surface.Volatility(0.625, 0.95, s_levels), 1e-15);
        Assert.Equal(1.0, surface.Weights(0.625, 0.95).Sum(w => w.Weight), 1e-15);
        Assert.Equal(4, surface.Weights(0.625, 0.95).Count);
    }

    [Fact]
    public void Outside_the_nodes_it_is_flat_in_both_directions_and_on_a_node_it_is_the_node()
    {
        var surface = new VolatilitySurface(s_nodes);
        Assert.Equal(0.30, surface.Volatility(0.01, 1.4, s_levels), 15);   // before 1M, any moneyness: the one 1M node
        Assert.Equal(0.25, surface.Volatility(3.0, 1.4, s_levels), 15);    // after 1Y, beyond the right wing
        Assert.Equal(0.30, surface.Volatility(3.0, 0.5, s_levels), 15);    // after 1Y, beyond the left wing
        Assert.Equal(0.28, surface.Volatility(0.5, 1.0, s_levels), 15);
        Assert.Equal([(2, 1.0)], surface.Weights(0.5, 1.0));
        // Between 1M and 6M above the 6M smile's top: 1M's ATM level and 6M's right wing.
        Assert.Equal((0.5 * 0.30) + (0.5 * 0.26), surface.Volatility((0.5 + (1 / 12.0)) / 2, 1.2, s_levels), 15);
    }

    [Fact]
    public void Two_nodes_at_one_point_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new VolatilitySurface([(0.5, 1.0), (0.5, 1.0)]));
    }
}
