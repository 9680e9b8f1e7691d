using BenchmarkDotNet.Attributes;

using RiskRadar.Analytics.Risk;

namespace RiskRadar.Benchmarks;

/// <summary>
/// The live engine's provisional VaR: 10,000 books of 20 positions each, spread over a 500-instrument universe,
/// against a 500-day scenario set, as sparse books (indices + exposures) over the whole universe, next to the dense
/// kernel on books that all hold the same 20 instruments (the best case a dense row can have).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SparseBatchBenchmarks
{
    private const int Books = 10_000;
    private const int Positions = 20;
    private const int Universe = 500;
    private const int Scenarios = 500;

    private readonly RiskOptions _options = new(0.99);
    private HistoricalBatch? _universe;
    private HistoricalBatch? _twenty;
    private SparseBooks _books;
    private double[] _dense = [];
    private double[] _var = [];
    private double[] _es = [];

    [GlobalSetup]
    public void Setup()
    {
        Random rng = new(20261202);
        _universe = new HistoricalBatch(Matrix(rng, Universe));
        _twenty = new HistoricalBatch(Matrix(rng, Positions));
        int[] offsets = new int[Books + 1];
        int[] columns = new int[Books * Positions];
        double[] exposures = new double[Books * Positions];
        for (int p = 0; p < Books; p++)
        {
            offsets[p + 1] = (p + 1) * Positions;
            for (int k = 0; k < Positions; k++)
            {
                columns[(p * Positions) + k] = ((p * 7) + (k * (Universe / Positions))) % Universe;
                exposures[(p * Positions) + k] = (rng.NextDouble() * 2e5) - 5e4;
            }
        }

        _books = new SparseBooks(offsets, columns, exposures);
        _dense = exposures;
        _var = new double[Books];
        _es = new double[Books];
    }

    [Benchmark(Description = "Sparse batch VaR+ES, 10,000 books × 20 of 500 instruments × 500 days (1 core)")]
    public double SparseOneCore()
    {
        _universe!.Compute(_books, _options, _var, _es, 1);
        return _var[^1];
    }

    [Benchmark(Description = "Sparse batch VaR+ES, 10,000 books × 20 of 500 instruments × 500 days (2 cores)")]
    public double SparseTwoCores()
    {
        _universe!.Compute(_books, _options, _var, _es, 2);
        return _var[^1];
    }

    [Benchmark(Baseline = true, Description = "Dense batch VaR+ES, 10,000 books × the same 20 instruments × 500 days (1 core)")]
    public double DenseOneCore()
    {
        _twenty!.Compute(_dense, _options, _var, _es, 1);
        return _var[^1];
    }

    private static ReturnMatrix Matrix(Random rng, int instruments)
    {
        double[] values = new double[instruments * Scenarios];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = 0.01 * Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2.0 * Math.PI * rng.NextDouble());
        }

        return new ReturnMatrix([.. Enumerable.Range(0, instruments).Select(i => $"I{i}")], Scenarios, values);
    }
}
