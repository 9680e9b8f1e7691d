using RiskRadar.Ingestion.Instruments;
using RiskRadar.Ingestion.Simulation;

namespace RiskRadar.Ingestion.Tests;

public sealed class CorrelatedGbmSimulatorTests
{
    private const double Daily = 1.0 / 252;
    private static readonly IReadOnlyList<InstrumentDefinition> Universe = InstrumentUniverse.Load(Path.Combine(AppContext.BaseDirectory, "Instruments", "instruments.json"));

    [Fact]
    public void The_default_universe_spans_equities_fx_and_crypto()
    {
        Assert.Equal(50, Universe.Count(i => i.AssetClass == AssetClass.Equity));
        Assert.True(Universe.Count(i => i.AssetClass == AssetClass.Fx) >= 5);
        Assert.True(Universe.Count(i => i.AssetClass == AssetClass.Crypto) >= 5);
        Assert.Equal(Universe.Count, Universe.Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public void Realised_volatility_and_correlation_match_the_model()
    {
        const int steps = 20_000;
        var simulator = new CorrelatedGbmSimulator(Universe, seed: 42);
        var n = Universe.Count;
        var returns = new double[steps, n];
        var previous = simulator.Prices.ToArray();
        for (var t = 0; t < steps; t++)
        {
            simulator.Step(Daily);
            var prices = simulator.Prices;
            for (var i = 0; i < n; i++)
            {
                returns[t, i] = Math.Log(prices[i] / previous[i]);
                previous[i] = prices[i];
            }
        }

        var aapl = Index("EQ.AAPL");
        var msft = Index("EQ.MSFT");
        var btc = Index("CR.BTCUSD");
        var eur = Index("FX.EURUSD");
        foreach (var i in new[] { aapl, btc, eur })
        {
            // Standard error of a sample volatility is about σ/√(2n): 0.5% here; 3% is a wide, still telling band.
            Assert.InRange(StdDev(returns, i) / Math.Sqrt(Daily), Universe[i].Volatility * 0.97, Universe[i].Volatility * 1.03);
        }

        // Standard error of a sample correlation is under 1/√n ≈ 0.007.
        Assert.InRange(Correlation(returns, aapl, msft), simulator.Correlation(aapl, msft) - 0.03, simulator.Correlation(aapl, msft) + 0.03);
        Assert.InRange(Correlation(returns, aapl, btc), simulator.Correlation(aapl, btc) - 0.03, simulator.Correlation(aapl, btc) + 0.03);
        Assert.InRange(Correlation(returns, btc, eur), simulator.Correlation(btc, eur) - 0.03, simulator.Correlation(btc, eur) + 0.03);
        Assert.True(simulator.Correlation(aapl, msft) > simulator.Correlation(aapl, btc));
    }

    [Fact]
    public void The_same_seed_gives_the_same_path_and_another_seed_another()
    {
        var a = new CorrelatedGbmSimulator(Universe, seed: 7);
        var b = new CorrelatedGbmSimulator(Universe, seed: 7);
        var c = new CorrelatedGbmSimulator(Universe, seed: 8);
        for (var t = 0; t < 100; t++)
        {
            a.Step(Daily);
            b.Step(Daily);
            c.Step(Daily);
        }

        Assert.Equal(a.Prices.ToArray(), b.Prices.ToArray());
        Assert.NotEqual(a.Prices.ToArray(), c.Prices.ToArray());
        Assert.All(a.Prices.ToArray(), p => Assert.True(p > 0));
    }

    [Theory]
    [InlineData("""[]""", "the universe is empty")]
    [InlineData("""[{"id":"A","symbol":"A","assetClass":"Equity","currency":"USD","price":0,"volatility":0.2,"drift":0}]""", "non-positive price")]
    [InlineData("""[{"id":"A","symbol":"A","assetClass":"Equity","currency":"USD","price":1,"volatility":0.2,"drift":0},{"id":"A","symbol":"A","assetClass":"Fx","currency":"USD","price":1,"volatility":0.1,"drift":0}]""", "repeats id A")]
    [InlineData("""[{"id":"A","symbol":"A","assetClass":"Equity","currency":"USD","price":1,"volatility":-1,"drift":0}]""", "volatility outside")]
    public void A_bad_universe_file_is_refused_with_the_reason(string json, string reason)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, json);
            var error = Assert.Throws<InvalidDataException>(() => InstrumentUniverse.Load(path));
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
            Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Market_factors_revert_to_where_they_started_and_a_curve_pillar_is_quoted_as_its_rate()
    {
        var free = new InstrumentDefinition("VOL.X", "VOL X", AssetClass.Volatility, "USD", 0.25, 0.8, 0);
        var reverting = free with { Id = "VOL.Y", Symbol = "VOL Y", MeanReversion = 4 };
        double freeSpread = 0, revertingSpread = 0;
        for (var seed = 1; seed <= 40; seed++)
        {
            var simulator = new CorrelatedGbmSimulator([free, reverting], seed);
            for (var day = 0; day < 3 * 365; day++)
            {
                simulator.Step(1 / 365.25);
            }

            freeSpread += Math.Abs(Math.Log(simulator.Prices[0] / 0.25));
            revertingSpread += Math.Abs(Math.Log(simulator.Prices[1] / 0.25));
        }

        // After three years the free level has wandered ~0.8·√3 in log terms; the reverting one ~0.8/√(2·4).
        Assert.True(revertingSpread < 0.5 * freeSpread, $"mean |log move| reverting {revertingSpread / 40:F2} vs free {freeSpread / 40:F2}");

        var pillar = Universe.Single(i => i.Id == "IR.USD.10Y");
        Assert.Equal(0.0404, SimulatorFeed.Quote(pillar, pillar.Price), 9);
        Assert.Equal(0.27, SimulatorFeed.Quote(Universe.Single(i => i.Id == "VOL.AAPL.1M.ATM"), 0.27));
    }

    private static int Index(string id) => Universe.ToList().FindIndex(i => i.Id == id);

    private static double StdDev(double[,] x, int i)
    {
        var n = x.GetLength(0);
        var mean = 0.0;
        for (var t = 0; t < n; t++)
        {
            mean += x[t, i];
        }

        mean /= n;
        var sum = 0.0;
        for (var t = 0; t < n; t++)
        {
            sum += (x[t, i] - mean) * (x[t, i] - mean);
        }

        return Math.Sqrt(sum / (n - 1));
    }

    private static double Correlation(double[,] x, int i, int j)
    {
        var n = x.GetLength(0);
        double mi = 0, mj = 0;
        for (var t = 0; t < n; t++)
        {
            mi += x[t, i];
            mj += x[t, j];
        }

        mi /= n;
        mj /= n;
        double sij = 0, sii = 0, sjj = 0;
        for (var t = 0; t < n; t++)
        {
            sij += (x[t, i] - mi) * (x[t, j] - mj);
            sii += (x[t, i] - mi) * (x[t, i] - mi);
            sjj += (x[t, j] - mj) * (x[t, j] - mj);
        }

        return sij / Math.Sqrt(sii * sjj);
    }
}
