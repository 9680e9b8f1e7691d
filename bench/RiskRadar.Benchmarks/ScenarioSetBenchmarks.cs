using BenchmarkDotNet.Attributes;

using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Scenarios;

namespace RiskRadar.Benchmarks;

/// <summary>
/// The history issue's kernels: an on-demand 1-day VaR+ES of a 20-position book (two of them foreign, converted
/// through an FX column) from an in-memory 500-day set of 5,000 instruments (target ≤ 50 µs), and building that set
/// from closes already read (the store read is timed by the load harness's scenario-set command).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ScenarioSetBenchmarks
{
    private const int Instruments = 5_000;
    private const int Days = 506;

    private readonly RiskOptions _options = new(0.99);
    private DailyHistory _history = null!;
    private ScenarioSet _set = null!;
    private BookInstrument[] _book = [];
    private double[] _exposures = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(20261202);
        var ids = Enumerable.Range(0, Instruments).Select(i => i == 0 ? "FX.EURUSD" : $"EQ.B{i:D5}").ToArray();
        var dates = Enumerable.Range(0, Days).Select(d => new DateOnly(2024, 1, 1).AddDays(d)).ToArray();
        var closes = new double[Instruments * Days];
        for (var i = 0; i < Instruments; i++)
        {
            var price = 100.0;
            for (var d = 0; d < Days; d++)
            {
                price *= Math.Exp(0.02 * (rng.NextDouble() - 0.5));
                closes[(d * Instruments) + i] = price;
            }
        }

        _history = new DailyHistory(ids, dates, closes);
        _set = ScenarioSetBuilder.Build(_history, new ScenarioSetParameters(500, 500));
        var fx = _set.IndexOf("FX.EURUSD");
        _book = [.. Enumerable.Range(0, 20).Select(k =>
        {
            var id = $"EQ.B{(k * 241) + 7:D5}";
            return new BookInstrument(id, _set.IndexOf(id), k < 2 ? [new FxLeg(fx, false)] : []);
        })];
        _exposures = [.. Enumerable.Range(0, 20).Select(k => 10_000.0 * (k + 1))];
    }

    [Benchmark(Description = "On-demand 1-day VaR+ES, 20 positions, 500-day set of 5,000 instruments")]
    public double OnDemandDailyVarEs()
    {
        var book = BookReturns.Select(_set, _book, 500);
        return HistoricalVar.Compute(book.Returns!, _exposures, _options).ExpectedShortfall;
    }

    [Benchmark(Description = "Build a 500-day set of 5,000 instruments from closes in memory")]
    public int BuildSet() => ScenarioSetBuilder.Build(_history, new ScenarioSetParameters(500, 500)).Rows;
}
