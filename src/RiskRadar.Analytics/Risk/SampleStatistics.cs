using System.Numerics.Tensors;

namespace RiskRadar.Analytics.Risk;

/// <summary>Moments of a single series with the divisors the risk conventions prescribe.</summary>
public static class SampleStatistics
{
    public static double Mean(ReadOnlySpan<double> x)
    {
        Guard.MinObservations(x.Length, 1, nameof(x));
        return TensorPrimitives.Sum(x) / x.Length;
    }

    /// <summary>Sample variance with the n−1 divisor, computed on deviations from the mean for accuracy.</summary>
    public static double Variance(ReadOnlySpan<double> x)
    {
        Guard.MinObservations(x.Length, 2, nameof(x));
        double mean = Mean(x);
        double ss = 0.0;
        foreach (double v in x)
        {
            double d = v - mean;
            ss += d * d;
        }

        return ss / (x.Length - 1);
    }

    public static double StandardDeviation(ReadOnlySpan<double> x) => Math.Sqrt(Variance(x));

    /// <summary>Skewness and excess kurtosis from population (1/n) central moments, as Cornish-Fisher prescribes.</summary>
    public static (double Skewness, double ExcessKurtosis) Shape(ReadOnlySpan<double> x)
    {
        Guard.MinObservations(x.Length, 2, nameof(x));
        double mean = Mean(x);
        double m2 = 0.0, m3 = 0.0, m4 = 0.0;
        foreach (double v in x)
        {
            double d = v - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }

        int n = x.Length;
        m2 /= n;
        m3 /= n;
        m4 /= n;
        if (!(m2 > 0.0))
        {
            throw new ArgumentException("The series is constant; skewness and kurtosis are undefined.", nameof(x));
        }

        return (m3 / Math.Pow(m2, 1.5), (m4 / (m2 * m2)) - 3.0);
    }

    /// <summary>Sample covariance of two equally long series (n−1 divisor).</summary>
    public static double Covariance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Guard.Length(y.Length, x.Length, nameof(y));
        Guard.MinObservations(x.Length, 2, nameof(x));
        double mx = Mean(x), my = Mean(y);
        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            s += (x[i] - mx) * (y[i] - my);
        }

        return s / (x.Length - 1);
    }
}
