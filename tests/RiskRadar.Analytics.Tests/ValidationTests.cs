using RiskRadar.Analytics.Optimisation;
using RiskRadar.Analytics.Risk;

namespace RiskRadar.Analytics.Tests;

public class ValidationTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Confidence_outside_the_open_unit_interval_is_rejected(double c)
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new RiskOptions(c));
        Assert.Contains("between 0 and 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Horizon_must_be_positive()
    {
        Assert.Throws<ArgumentException>(() => new RiskOptions(0.99, 0));
    }

    [Fact]
    public void Prices_must_be_positive_and_enough()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ReturnMatrix.FromPrices(["A"], [100, 0, 101]));
        Assert.Contains("positive", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ReturnMatrix.FromPrices(["A"], [100]));
        Assert.Throws<ArgumentException>(() => ParametricVar.FromReturns(ReturnMatrix.FromPrices(["A"], [100, 101]), [1.0], new RiskOptions(0.99)));
    }

    [Fact]
    public void Exposure_length_must_match_instruments()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => HistoricalVar.Compute(Fixtures.Returns, [1.0, 2.0], new RiskOptions(0.99)));
        Assert.Contains("expected 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_instruments_and_bad_bounds_are_named()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => Fixtures.Returns.Select(["NOPE"]));
        Assert.Contains("NOPE", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PortfolioConstraints(false, [0.5], [0.1]).Resolve(1));
    }
}
