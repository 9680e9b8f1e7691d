using BenchmarkDotNet.Attributes;

using RiskRadar.Analytics.Instruments.Curves;
using RiskRadar.Analytics.Instruments.Options;
using RiskRadar.Analytics.Valuation;

namespace RiskRadar.Benchmarks;

/// <summary>
/// Full revaluation of option books under historical scenarios, on one thread: 10,000 option positions (distinct
/// contracts, the worst case: nothing nets) on 50 underlyings × 500 scenarios of spot, volatility and curve moves;
/// the same book by the delta-gamma approximation; the scalar pricer on 1,000 of them for the per-option ratio; and
/// the live engine's shape with 20 % options (1,000 books of 16 spot positions and 4 options each).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class MultiAssetRevaluationBenchmarks
{
    private const int Options = 10_000;
    private const int Underlyings = 50;
    private const int Scenarios = 500;
    private const int Books = 1_000;

    private static readonly DateOnly s_today = new(2026, 12, 7);
    private MultiAssetBook? _options;
    private MultiAssetBook[] _books = [];
    private ScenarioMoves? _moves;
    private OptionHolding[] _holdings = [];
    private MarketState? _market;
    private double[] _pnl = [];

    [GlobalSetup]
    public void Setup()
    {
        Random rng = new(20261207);
        ZeroCurve curve = new([0.25, 0.5, 1, 2, 3, 5, 7, 10, 20, 30], [0.043, 0.0427, 0.0415, 0.0398, 0.0391, 0.0389, 0.0395, 0.0404, 0.0431, 0.0427]);
        double[] spots = [.. Enumerable.Range(0, Underlyings).Select(_ => 20 + (rng.NextDouble() * 480))];
        double[] vols = [.. Enumerable.Range(0, Options).Select(_ => 0.12 + (rng.NextDouble() * 0.5))];
        _market = new MarketState(spots, vols, [curve]);
        _holdings = [.. Enumerable.Range(0, Options).Select(i =>
        {
            int u = i % Underlyings;
            return new OptionHolding(
                u, i % 2 == 0 ? OptionType.Call : OptionType.Put, spots[u] * (0.7 + (rng.NextDouble() * 0.6)),
                (7 + rng.Next(720)) / 365.0, 0.02 * rng.NextDouble(), i, 0, (rng.NextDouble() - 0.5) * 2000);
        })];
        _options = MultiAssetBook.Create(_market, s_today, _holdings);

        double[] returns = Normal(rng, Underlyings * Scenarios, 0.02);
        double[] volMoves = Normal(rng, Options * Scenarios, 0.01);
        double[] curveMoves = Normal(rng, curve.Pillars * Scenarios, 0.0005);
        _moves = new ScenarioMoves(Scenarios, returns, volMoves, [curveMoves]);
        _pnl = new double[Scenarios];

        // The engine's shape: each book holds 16 spot positions and 4 options (its own contracts) on 20 of the 50 names.
        _books = [.. Enumerable.Range(0, Books).Select(b => MultiAssetBook.Create(_market, s_today, [
            .. Enumerable.Range(0, 16).Select(k => (Holding)new LinearHolding(((b * 3) + k) % Underlyings, 100 + k)),
            .. Enumerable.Range(0, 4).Select(k => (Holding)(_holdings[((b * 4) + k) % Options] with { Quantity = 500 })),
        ]))];
    }

    [Benchmark(Description = "Full revaluation, 10,000 options × 500 scenarios (1 core)")]
    public double FullRevaluation()
    {
        _options!.Revalue(_moves!, 1, RevaluationMethod.Full, _pnl);
        return _pnl[^1];
    }

    [Benchmark(Description = "Delta-gamma(-vega) approximation, same book")]
    public double DeltaGamma()
    {
        _options!.Revalue(_moves!, 1, RevaluationMethod.DeltaGamma, _pnl);
        return _pnl[^1];
    }

    [Benchmark(Description = "Scalar pricer (price and greeks, MathNet normal CDF), 1,000 options × 500 scenarios")]
    public double ScalarPricer()
    {
        double sum = 0.0;
        for (int i = 0; i < 1_000; i++)
        {
            OptionHolding h = _holdings[i];
            double s0 = _market!.Spots[h.Underlying], r = 0.04;
            ReadOnlySpan<double> returns = _moves!.Returns(h.Underlying), vol = _moves.VolatilityMoves(i);
            for (int s = 0; s < Scenarios; s++)
            {
                EuropeanOption o = new(h.Type, s0 * (1 + returns[s]), h.Strike, r, h.DividendYield, Math.Max(_market.Volatilities[i] + vol[s], 1e-4), h.Expiry);
                sum += BlackScholesMerton.Value(o).Price;
            }
        }

        return sum;
    }

    [Benchmark(Description = "Engine shape: 1,000 books × (16 spot + 4 options) × 500 scenarios, full, shared shocks")]
    public double EngineShapeFull()
    {
        double sum = 0.0;
        ScenarioShocks shocks = new(_market!, _moves!, 1);
        foreach (MultiAssetBook book in _books)
        {
            book.Revalue(shocks, RevaluationMethod.Full, _pnl);
            sum += _pnl[0];
        }

        return sum;
    }

    private static double[] Normal(Random rng, int n, double sigma)
    {
        double[] x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2.0 * Math.PI * rng.NextDouble()) * sigma;
        }

        return x;
    }
}
