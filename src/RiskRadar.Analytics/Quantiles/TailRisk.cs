using System.Numerics.Tensors;

using RiskRadar.Analytics.Kernels;

namespace RiskRadar.Analytics.Quantiles;

/// <summary>
/// VaR (a loss quantile) and expected shortfall (mean of losses at or beyond it) from a loss sample, by
/// selection rather than sorting. Allocation-free; reorders the buffer it is given.
/// </summary>
public static class TailRisk
{
    /// <summary>Quantile of <paramref name="losses"/> at <paramref name="confidence"/>; the span is permuted.</summary>
    public static double Quantile(Span<double> losses, double confidence, QuantileRule rule = QuantileRule.Linear)
    {
        int n = losses.Length;
        if (n < 1)
        {
            throw new ArgumentException("At least one loss observation is required.", nameof(losses));
        }

        Guard.Confidence(confidence);
        if (rule == QuantileRule.BaselOrderStatistic)
        {
            int k = OrderStatistics.BaselTailCount(n, confidence);
            return k <= SmallTail ? Largest(losses, k, out _) : Selection.Select(losses, n - k);
        }

        (int j, double g) = OrderStatistics.LinearPosition(n, confidence);
        if (n - j <= SmallTail)
        {
            // x(j) is the (n−j)-th largest and x(j+1) the one above it.
            double low = Largest(losses, n - j, out double high);
            return j + 1 >= n ? low : OrderStatistics.Lerp(low, high, g);
        }

        double lower = Selection.Select(losses, j);
        if (j + 1 >= n)
        {
            return lower;
        }

        // After selection everything right of j is ≥ x(j), so the next order statistic is their minimum.
        double upper = TensorPrimitives.Min(losses[(j + 1)..]);
        return OrderStatistics.Lerp(lower, upper, g);
    }

    // At the confidences risk uses, the tail is a handful of points: keeping the k largest in a small sorted
    // buffer is one predictable pass, several times faster than a general selection over the whole sample.
    private const int SmallTail = 32;

    /// <summary>The k-th largest value, and the (k−1)-th largest in <paramref name="nextLarger"/> (itself when k = 1).</summary>
    private static double Largest(ReadOnlySpan<double> values, int k, out double nextLarger)
    {
        Span<double> top = stackalloc double[k];
        values[..k].CopyTo(top);
        top.Sort();
        for (int i = k; i < values.Length; i++)
        {
            double x = values[i];
            if (x > top[0])
            {
                int p = 1;
                while (p < k && top[p] < x)
                {
                    top[p - 1] = top[p];
                    p++;
                }

                top[p - 1] = x;
            }
        }

        nextLarger = k > 1 ? top[1] : top[0];
        return top[0];
    }

    /// <summary>VaR and ES = mean of the losses at or above VaR; the span is permuted.</summary>
    public static VarEs Measure(Span<double> losses, double confidence, QuantileRule rule = QuantileRule.Linear)
    {
        double var = Quantile(losses, confidence, rule);
        (double sum, int count) = TailSum.AtOrAbove(losses, var);
        return new VarEs(var, sum / count);
    }
}
