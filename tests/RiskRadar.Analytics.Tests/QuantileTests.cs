using System.Text.Json;

using RiskRadar.Analytics.Kernels;
using RiskRadar.Analytics.Quantiles;

namespace RiskRadar.Analytics.Tests;

public class QuantileTests
{
    [Fact]
    public void Linear_rule_matches_numpy_and_basel_rule_matches_exact_order_statistic()
    {
        foreach (JsonElement e in Fixtures.Risk.GetProperty("quantiles").EnumerateArray())
        {
            double c = e.Number("confidence");
            double[] values = e.GetProperty("values").Doubles();
            Near.Equal(e.Number("linear"), TailRisk.Quantile((double[])values.Clone(), c), 1e-14, 1e-12, $"R7 n={values.Length} c={c}");
            Assert.Equal(e.GetProperty("baselTailCount").GetInt32(), OrderStatistics.BaselTailCount(values.Length, c));
            Assert.Equal(e.Number("basel"), TailRisk.Quantile((double[])values.Clone(), c, QuantileRule.BaselOrderStatistic));
        }
    }

    [Fact]
    public void Tail_count_is_immune_to_the_floating_point_trap()
    {
        foreach (JsonElement e in Fixtures.Risk.GetProperty("tailCountTrap").EnumerateArray())
        {
            int n = e.GetProperty("n").GetInt32();
            double c = e.Number("confidence");
            Assert.Equal(e.GetProperty("tailCount").GetInt32(), OrderStatistics.BaselTailCount(n, c));
        }

        // The trap itself: naive ceil gives 2 for 100 observations at 99%, and 11 for 1000.
        Assert.Equal(2, (int)Math.Ceiling(100 * (1 - 0.99)));
        Assert.Equal(1, OrderStatistics.BaselTailCount(100, 0.99));
        Assert.Equal(10, OrderStatistics.BaselTailCount(1000, 0.99));
        Assert.Equal(2.5000000000000022, 250 * (1 - 0.99));
        Assert.Equal(3, OrderStatistics.BaselTailCount(250, 0.99));
    }

    [Fact]
    public void Basel_var_of_250_days_at_99_is_the_third_largest_loss()
    {
        double[] losses = Enumerable.Range(1, 250).Select(i => (double)i).Reverse().ToArray();
        Assert.Equal(248.0, TailRisk.Quantile(losses, 0.99, QuantileRule.BaselOrderStatistic));
        VarEs m = TailRisk.Measure(Enumerable.Range(1, 250).Select(i => (double)i).ToArray(), 0.99, QuantileRule.BaselOrderStatistic);
        Assert.Equal((248.0 + 249.0 + 250.0) / 3.0, m.ExpectedShortfall);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(4097)]
    public void Selection_agrees_with_sorting_including_ties_and_sorted_inputs(int n)
    {
        Random rng = new(n);
        foreach (Func<int, double> gen in new Func<int, double>[] { _ => rng.NextDouble(), i => i, i => -i, _ => rng.Next(5) })
        {
            double[] data = Enumerable.Range(0, n).Select(gen).ToArray();
            double[] sorted = data.OrderBy(x => x).ToArray();
            foreach (int k in new[] { 0, n / 2, n - 1, (int)(0.99 * (n - 1)) })
            {
                double[] work = (double[])data.Clone();
                Assert.Equal(sorted[k], Selection.Select(work, k));
                Assert.True(work[..k].All(x => x <= work[k]) && work[(k + 1)..].All(x => x >= work[k]));
            }
        }
    }

    [Fact]
    public void Expected_shortfall_averages_every_loss_at_or_beyond_var_including_ties()
    {
        double[] losses = [1, 2, 3, 5, 5, 5, 5, 9];
        VarEs m = TailRisk.Measure(losses, 0.5);
        Assert.Equal(5.0, m.ValueAtRisk);
        Assert.Equal((5.0 * 4 + 9.0) / 5.0, m.ExpectedShortfall);
    }
}
