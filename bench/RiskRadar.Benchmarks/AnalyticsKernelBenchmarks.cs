using BenchmarkDotNet.Attributes;

using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;

namespace RiskRadar.Benchmarks;

/// <summary>
/// The performance targets: historical VaR+ES on 1,000 positions × 1,000 scenarios (≤ 1 ms, one core),
/// parametric VaR on a 500 × 500 covariance (≤ 0.5 ms), and 100,000 portfolios × 20 positions × 500 scenarios
/// (≤ 1 s on two cores). A short job keeps a full run to a few minutes.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class AnalyticsKernelBenchmarks
{
    private const int BatchPortfolios = 100_000;
    private const int BatchPositions = 20;
    private const int BatchScenarios = 500;

    private readonly RiskOptions _options = new(0.99);
    private double[] _scenarios = [];
    private double[] _exposures = [];
    private double[] _scratch = [];
    private double[] _covariance = [];
    private double[] _covExposures = [];
    private double[] _sv = [];
    private HistoricalBatch? _batch;
    private double[] _batchExposures = [];
    private double[] _batchVar = [];
    private double[] _batchEs = [];

    [GlobalSetup]
    public void Setup()
    {
        Random rng = new(20251124);
        _scenarios = Normal(rng, 1000 * 1000, 0.01);
        _exposures = Normal(rng, 1000, 1e5);
        _scratch = new double[1000];

        // A valid 500 × 500 covariance: S = AᵀA/n from random returns.
        const int m = 500, n = 600;
        double[] a = Normal(rng, n * m, 0.01);
        _covariance = new double[m * m];
        for (int t = 0; t < n; t++)
        {
            for (int i = 0; i < m; i++)
            {
                double ai = a[(t * m) + i];
                for (int j = 0; j < m; j++)
                {
                    _covariance[(i * m) + j] += ai * a[(t * m) + j] / n;
                }
            }
        }

        _covExposures = Normal(rng, m, 1e5);
        _sv = new double[m];

        string[] names = Enumerable.Range(0, BatchPositions).Select(i => $"I{i}").ToArray();
        _batch = new HistoricalBatch(new ReturnMatrix(names, BatchScenarios, Normal(rng, BatchScenarios * BatchPositions, 0.01)));
        _batchExposures = Normal(rng, BatchPortfolios * BatchPositions, 1e5);
        _batchVar = new double[BatchPortfolios];
        _batchEs = new double[BatchPortfolios];
    }

    [Benchmark(Description = "Historical VaR+ES, 1,000 positions × 1,000 scenarios (1 core)")]
    public VarEs Historical() => HistoricalVar.Compute(_scenarios, 1000, _exposures, _options, _scratch);

    [Benchmark(Description = "Parametric VaR, 500 × 500 covariance (1 core)")]
    public VarEs Parametric() => ParametricVar.Compute(_covariance, _covExposures, 0.0, _options, _sv);

    [Benchmark(Description = "Batch historical VaR+ES, 100,000 × 20 × 500 (2 cores)")]
    public double BatchTwoCores()
    {
        _batch!.Compute(_batchExposures, _options, _batchVar, _batchEs, 2);
        return _batchVar[^1];
    }

    [Benchmark(Description = "Batch historical VaR+ES, 100,000 × 20 × 500 (1 core)")]
    public double BatchOneCore()
    {
        _batch!.Compute(_batchExposures, _options, _batchVar, _batchEs, 1);
        return _batchVar[^1];
    }

    private static double[] Normal(Random rng, int count, double scale)
    {
        double[] x = new double[count];
        for (int i = 0; i < count; i++)
        {
            // Box-Muller; the distribution only needs to look like returns, not be exact.
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            x[i] = scale * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        return x;
    }
}
