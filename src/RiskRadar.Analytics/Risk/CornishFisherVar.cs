using RiskRadar.Analytics.Quantiles;

namespace RiskRadar.Analytics.Risk;

/// <summary>
/// Cornish-Fisher (modified) VaR: μ, σ (n−1) of X; skew S and excess kurtosis K from population central moments;
/// q = Φ⁻¹(1−c), q_cf = q + (q²−1)S/6 + (q³−3q)K/24 − (2q³−5q)S²/36, VaR = −(μh + q_cf σ√h).
/// </summary>
/// <remarks>
/// The conventions give no ES for this method. ES here is the tail average of the Cornish-Fisher quantile,
/// (1/(1−c))∫_c^1 VaR_cf(u) du, which has a closed form through truncated-normal moments:
/// ES = −μh + σ√h·φ(q)/(1−c)·[1 + qS/6 + (q²−1)K/24 − (2q²−1)S²/36]. It reduces to the normal ES when S = K = 0.
/// </remarks>
public static class CornishFisherVar
{
    public static VarEs FromPnl(ReadOnlySpan<double> pnl, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Guard.MinObservations(pnl.Length, 3, nameof(pnl));
        Guard.Finite(pnl, nameof(pnl));
        double mean = SampleStatistics.Mean(pnl);
        double sd = SampleStatistics.StandardDeviation(pnl);
        (double skew, double kurt) = SampleStatistics.Shape(pnl);
        return FromMoments(mean, sd, skew, kurt, options);
    }

    public static VarEs Compute(ReturnMatrix returns, ReadOnlySpan<double> exposures, RiskOptions options) =>
        FromPnl(PortfolioPnl.FromReturns(returns, exposures), options);

    public static VarEs FromMoments(double mean, double standardDeviation, double skewness, double excessKurtosis, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double alpha = 1.0 - options.Confidence;
        double q = NormalDistribution.Quantile(alpha);
        double s = skewness, k = excessKurtosis;
        double q2 = q * q, q3 = q2 * q;
        double qcf = q + ((q2 - 1.0) * s / 6.0) + ((q3 - (3.0 * q)) * k / 24.0) - (((2.0 * q3) - (5.0 * q)) * s * s / 36.0);
        double sh = standardDeviation * options.SqrtHorizon;
        double mh = mean * options.Horizon;
        double var = -(mh + (qcf * sh));
        double tail = NormalDistribution.Density(q) / alpha
            * (1.0 + (q * s / 6.0) + ((q2 - 1.0) * k / 24.0) - (((2.0 * q2) - 1.0) * s * s / 36.0));
        double es = -mh + (sh * tail);
        return new VarEs(var, es);
    }
}
