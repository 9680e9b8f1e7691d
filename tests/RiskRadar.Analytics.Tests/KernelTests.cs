using System.Numerics.Tensors;

using RiskRadar.Analytics.Kernels;
using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;

namespace RiskRadar.Analytics.Tests;

public class KernelTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(500, 20)]
    [InlineData(1001, 33)]
    public void Scenario_pnl_kernels_agree_with_a_naive_product(int scenarios, int instruments)
    {
        Random rng = new(scenarios);
        double[] r = Enumerable.Range(0, scenarios * instruments).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] v = Enumerable.Range(0, instruments).Select(_ => (rng.NextDouble() * 100) - 30).ToArray();
        double[] naive = new double[scenarios];
        for (int t = 0; t < scenarios; t++)
        {
            for (int i = 0; i < instruments; i++)
            {
                naive[t] += r[(t * instruments) + i] * v[i];
            }
        }

        double[] rowMajor = new double[scenarios];
        ScenarioPnl.Compute(r, instruments, v, rowMajor);
        double[] transposed = new double[r.Length];
        for (int t = 0; t < scenarios; t++)
        {
            for (int i = 0; i < instruments; i++)
            {
                transposed[(i * scenarios) + t] = r[(t * instruments) + i];
            }
        }

        double[] columnMajor = new double[scenarios];
        ScenarioPnl.ComputeTransposed(transposed, scenarios, v, columnMajor);
        for (int t = 0; t < scenarios; t++)
        {
            Near.Equal(naive[t], rowMajor[t], 1e-12, 1e-12);
            Near.Equal(naive[t], columnMajor[t], 1e-12, 1e-12);
        }
    }

    [Fact]
    public void Quadratic_form_matches_naive_and_fills_sv()
    {
        double[] s = [4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2];
        double[] v = [1, -2, 3];
        double[] sv = new double[3];
        double q = QuadraticForm.Evaluate(s, v, sv);
        Assert.Equal([3.5, -4.4, 6.1], sv.Select(x => Math.Round(x, 12)));
        Near.Equal((1 * 3.5) + (-2 * -4.4) + (3 * 6.1), q, 1e-14);
    }

    [Fact]
    public void Batch_equals_one_portfolio_at_a_time_on_one_and_two_cores()
    {
        ReturnMatrix r = Fixtures.Returns;
        const int portfolios = 37;
        Random rng = new(9);
        double[] exposures = Enumerable.Range(0, portfolios * r.Count).Select(_ => (rng.NextDouble() * 2e5) - 5e4).ToArray();
        HistoricalBatch batch = new(r);
        foreach (int cores in new[] { 1, 2 })
        {
            foreach (QuantileRule rule in new[] { QuantileRule.Linear, QuantileRule.BaselOrderStatistic })
            {
                RiskOptions o = new(0.99, 10, rule);
                double[] var = new double[portfolios], es = new double[portfolios];
                batch.Compute(exposures, o, var, es, cores);
                for (int p = 0; p < portfolios; p++)
                {
                    VarEs single = HistoricalVar.Compute(r, exposures.AsSpan(p * r.Count, r.Count), o);
                    Near.Equal(single.ValueAtRisk, var[p], 1e-12, what: $"VaR {p}");
                    Near.Equal(single.ExpectedShortfall, es[p], 1e-12, what: $"ES {p}");
                }
            }
        }
    }

    [Fact]
    public void Sparse_books_give_bit_for_bit_the_risk_of_their_gathered_columns()
    {
        const int instruments = 300, scenarios = 517;
        Random rng = new(11);
        string[] names = Enumerable.Range(0, instruments).Select(i => $"I{i}").ToArray();
        ReturnMatrix universe = new(names, scenarios, Enumerable.Range(0, scenarios * instruments).Select(_ => (rng.NextDouble() - 0.5) * 0.04).ToArray());
        // Sizes cover an empty book, one position, the usual 20 and more than the scratch buffer starts with.
        int[] sizes = [20, 0, 1, 20, 97, 3, 20];
        List<int> offsets = [0], columns = [];
        List<double> exposures = [];
        foreach (int size in sizes)
        {
            // Distinct columns in no particular order: the sum follows the book's order, whatever it is.
            columns.AddRange(Enumerable.Range(0, instruments).OrderBy(_ => rng.Next()).Take(size));
            exposures.AddRange(Enumerable.Range(0, size).Select(_ => (rng.NextDouble() * 2e5) - 5e4));
            offsets.Add(columns.Count);
        }

        SparseBooks books = new(offsets.ToArray(), columns.ToArray(), exposures.ToArray());
        HistoricalBatch batch = new(universe);
        foreach (int cores in new[] { 1, 2 })
        {
            RiskOptions o = new(0.99, 10, QuantileRule.Linear);
            double[] var = new double[sizes.Length], es = new double[sizes.Length];
            batch.Compute(books, o, var, es, cores);
            for (int p = 0; p < sizes.Length; p++)
            {
                int[] held = columns.GetRange(offsets[p], sizes[p]).ToArray();
                double[] values = exposures.GetRange(offsets[p], sizes[p]).ToArray();
                if (held.Length == 0)
                {
                    Assert.Equal((0.0, 0.0), (var[p], es[p]));
                    continue;
                }

                double[] gathered = new double[held.Length * scenarios];
                for (int k = 0; k < held.Length; k++)
                {
                    for (int t = 0; t < scenarios; t++)
                    {
                        gathered[(t * held.Length) + k] = universe.Values[(t * instruments) + held[k]];
                    }
                }

                VarEs single = HistoricalVar.Compute(new ReturnMatrix(held.Select(i => names[i]).ToArray(), scenarios, gathered), values, o);
                Assert.Equal((single.ValueAtRisk, single.ExpectedShortfall), (var[p], es[p]));
            }
        }
    }

    [Fact]
    public void Sparse_books_with_broken_offsets_or_columns_are_refused()
    {
        HistoricalBatch batch = new(Fixtures.Returns);
        RiskOptions o = new(0.99);
        double[] one = new double[1];
        Assert.Throws<ArgumentException>(() => batch.Compute(new SparseBooks(new[] { 0, 2 }, new[] { 0 }, new[] { 1.0 }), o, one, one));
        Assert.Throws<ArgumentException>(() => batch.Compute(new SparseBooks(new[] { 0, 1, 0 }, new[] { 0 }, new[] { 1.0 }), o, new double[2], new double[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Compute(new SparseBooks(new[] { 0, 1 }, new[] { Fixtures.Returns.Count }, new[] { 1.0 }), o, one, one));
    }

    [Fact]
    public void Hot_kernels_do_not_allocate()
    {
        ReturnMatrix r = Fixtures.Returns;
        double[] scratch = new double[r.Observations];
        double[] cov = Covariance.Sample(r);
        double[] sv = new double[r.Count];
        double[] v = Fixtures.Exposures;
        RiskOptions o = new(0.99);
        ReadOnlySpan<double> scenarios = r.Values;

        // Warm up so JIT tiering does not count.
        for (int i = 0; i < 50; i++)
        {
            HistoricalVar.Compute(scenarios, r.Count, v, o, scratch);
            ParametricVar.Compute(cov, v, 0.0, o, sv);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        VarEs h = HistoricalVar.Compute(scenarios, r.Count, v, o, scratch);
        VarEs p = ParametricVar.Compute(cov, v, 0.0, o, sv);
        double sum = TensorPrimitives.Sum(scratch);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
        Assert.True(h.ValueAtRisk > 0 && p.ValueAtRisk > 0 && double.IsFinite(sum));
    }

    [Fact]
    public void Tail_sum_counts_ties_and_handles_remainders()
    {
        double[] x = Enumerable.Range(0, 37).Select(i => (double)(i % 10)).ToArray();
        (double sum, int count) = TailSum.AtOrAbove(x, 7.0);
        Assert.Equal(x.Where(v => v >= 7).Sum(), sum);
        Assert.Equal(x.Count(v => v >= 7), count);
    }
}
