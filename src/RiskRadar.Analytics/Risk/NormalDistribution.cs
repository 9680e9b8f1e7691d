using MathNet.Numerics.Distributions;

namespace RiskRadar.Analytics.Risk;

/// <summary>Standard normal helpers used by the closed-form measures.</summary>
internal static class NormalDistribution
{
    private static readonly double s_invSqrt2Pi = 1.0 / Math.Sqrt(2.0 * Math.PI);

    public static double Density(double z) => s_invSqrt2Pi * Math.Exp(-0.5 * z * z);

    public static double Cdf(double z) => Normal.CDF(0.0, 1.0, z);

    public static double Quantile(double p) => Normal.InvCDF(0.0, 1.0, p);
}
