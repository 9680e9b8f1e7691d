namespace RiskRadar.Analytics.Quantiles;

/// <summary>
/// Order-statistic arithmetic shared by the quantile rules. Kept separate so the floating-point guard on
/// ⌈n(1−c)⌉ is tested once and used everywhere.
/// </summary>
public static class OrderStatistics
{
    // n(1−c) is computed from a rounded c, so an exact integer tail count can come out a few ulps high
    // (100·(1−0.99) = 1.0000000000000009) and ceil would jump to the next order statistic. Values within
    // this relative distance of an integer are snapped to it before rounding up.
    private const double SnapTolerance = 1e-9;

    /// <summary>Number of tail observations k = ⌈n(1−c)⌉ (at least 1), immune to representation error in c.</summary>
    public static int BaselTailCount(int n, double confidence)
    {
        if (n < 1)
        {
            throw new ArgumentException($"At least one observation is required; got {n}.", nameof(n));
        }

        Guard.Confidence(confidence);
        double x = n * (1.0 - confidence);
        double nearest = Math.Round(x);
        if (Math.Abs(x - nearest) <= SnapTolerance * Math.Max(1.0, nearest))
        {
            x = nearest;
        }

        int k = (int)Math.Ceiling(x);
        return Math.Clamp(k, 1, n);
    }

    /// <summary>Zero-based ascending index and weight of the R-7 quantile: Q = x[j] + g·(x[j+1] − x[j]).</summary>
    public static (int Index, double Fraction) LinearPosition(int n, double probability)
    {
        double h = (n - 1) * probability;
        int j = (int)Math.Floor(h);
        if (j >= n - 1)
        {
            return (n - 1, 0.0);
        }

        return (j, h - j);
    }

    /// <summary>Linear interpolation written as numpy's _lerp so values agree to the last bit where possible.</summary>
    public static double Lerp(double a, double b, double t)
    {
        double diff = b - a;
        return t >= 0.5 ? b - (diff * (1.0 - t)) : a + (diff * t);
    }
}
