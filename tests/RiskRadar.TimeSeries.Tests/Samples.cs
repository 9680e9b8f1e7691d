using RiskRadar.Contracts.Events;

namespace RiskRadar.TimeSeries.Tests;

/// <summary>Test data and exact comparisons (the records hold a dictionary and a list, which compare by reference).</summary>
internal static class Samples
{
    /// <summary>Midnight UTC a number of days ago; whole seconds, so nothing is lost to microsecond storage.</summary>
    public static DateTimeOffset DaysAgo(int days) =>
        new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-days);

    public static RiskAggregate Aggregate(string portfolioId, DateTimeOffset windowEnd, int seed, string window = "1m")
    {
        var random = new Random(seed);
        double? Maybe(double value) => random.Next(4) == 0 ? null : value;
        return new RiskAggregate(
            PortfolioId: portfolioId,
            TenantId: "tenant-" + (seed % 3),
            Window: window,
            WindowStart: windowEnd.AddMinutes(-1),
            WindowEnd: windowEnd,
            BaseCurrency: "USD",
            MarketValue: 1_000_000 * random.NextDouble(),
            Pnl: (random.NextDouble() - 0.5) * 10_000,
            GrossExposure: 2_000_000 * random.NextDouble(),
            NetExposure: (random.NextDouble() - 0.3) * 1_000_000,
            ExposureByAssetClass: new Dictionary<string, double>
            {
                ["Equity"] = random.NextDouble() * 1e6,
                ["FixedIncome"] = 0.1 + 0.2,
                ["Fx"] = -random.NextDouble() * 1e-300,
            },
            Var95: Maybe(random.NextDouble() * 5_000),
            Var99: Maybe(random.NextDouble() * 8_000),
            Es95: Maybe(random.NextDouble() * 6_000),
            Es975: Maybe(random.NextDouble() * 9_000),
            Es99: Maybe(random.NextDouble() * 10_000),
            Volatility: Maybe(random.NextDouble() * 0.4),
            Sharpe: Maybe(random.NextDouble() * 3 - 1),
            MaxDrawdown: Maybe(random.NextDouble() * 0.5),
            Scenarios: random.Next(0, 500),
            Positions: random.Next(1, 50),
            InstrumentsWithoutHistory: seed % 2 == 0 ? [] : ["XYZ", "ABC \"quoted\", with comma"],
            ComputedAt: windowEnd.AddSeconds(2),
            ScenarioSetId: seed % 3 == 0 ? null : $"daily-20261127-500d-simple-{seed:x12}",
            PositionsVersion: seed * 5_000_000_000L,
            Inputs: seed % 4 == 0 ? null :
            [
                new HoldingInput("EQ.A", "USD", 10, 0.1 + 0.2, 1),
                new HoldingInput("EQ.E", "EUR", -1e-7 * random.NextDouble(), 123_456.789 * random.NextDouble(), 1.0 / 3.0),
                new HoldingInput("FX \"odd\", id", "JPY", 5e15, double.Epsilon, 0.0066666666666666671),
                new HoldingInput("IR.USD.5Y", "USD", 0, 83.52702320064, 1, seed % 2 == 0 ? "Rate" : null), // a multi-asset book's level
            ]);
    }

    public static InstrumentBar Bar(string instrumentId, DateTimeOffset barEnd, int seed)
    {
        var random = new Random(seed);
        var open = 100 + random.NextDouble();
        var close = 100 + random.NextDouble();
        return new InstrumentBar(
            InstrumentId: instrumentId,
            BarStart: barEnd.AddMinutes(-1),
            BarEnd: barEnd,
            Open: open,
            High: Math.Max(open, close) + random.NextDouble(),
            Low: Math.Min(open, close) - random.NextDouble(),
            Close: close,
            Ticks: random.Next(1, 1000),
            Return: seed % 5 == 0 ? null : close / open - 1);
    }

    /// <param name="withInputs">False for reads that leave the holdings out (a range of windows).</param>
    public static void AssertSame(RiskAggregate expected, RiskAggregate actual, bool withInputs = false)
    {
        // Record equality with the collections swapped for the actual instances checks every scalar field exactly
        // (DateTimeOffset compares instants); the collections are compared by content.
        Assert.Equal(expected with
        {
            ExposureByAssetClass = actual.ExposureByAssetClass,
            InstrumentsWithoutHistory = actual.InstrumentsWithoutHistory,
            Inputs = actual.Inputs,
        }, actual);
        if (withInputs)
        {
            Assert.Equal(expected.Inputs, actual.Inputs);
        }
        else
        {
            Assert.Null(actual.Inputs);
        }

        Assert.Equal(expected.ExposureByAssetClass.OrderBy(p => p.Key), actual.ExposureByAssetClass.OrderBy(p => p.Key));
        Assert.Equal(expected.InstrumentsWithoutHistory, actual.InstrumentsWithoutHistory);
    }
}
