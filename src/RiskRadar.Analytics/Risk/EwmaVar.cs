using RiskRadar.Analytics.Quantiles;

namespace RiskRadar.Analytics.Risk;

/// <summary>
/// RiskMetrics EWMA: zero mean, weights (1−λ)λᵏ/(1−λⁿ) with k = 0 the newest return, Σ = Σ wₖ rₖrₖᵀ;
/// VaR = z_c σ√h, ES = σ√h φ(z_c)/(1−c), σ² = vᵀΣv.
/// </summary>
public static class EwmaVar
{
    public const double RiskMetricsLambda = 0.94;

    /// <summary>Normalised weights in time order (index t = 0 is the oldest, so its weight is smallest).</summary>
    public static double[] Weights(int observations, double lambda)
    {
        Guard.MinObservations(observations, 1, nameof(observations));
        if (!(lambda > 0.0 && lambda < 1.0))
        {
            throw new ArgumentException($"EWMA decay λ must lie strictly between 0 and 1; got {lambda}.", nameof(lambda));
        }

        double[] w = new double[observations];
        double norm = (1.0 - lambda) / (1.0 - Math.Pow(lambda, observations));
        for (int t = 0; t < observations; t++)
        {
            w[t] = norm * Math.Pow(lambda, observations - 1 - t);
        }

        return w;
    }

    /// <summary>Row-major m × m EWMA covariance (zero mean).</summary>
    public static double[] CovarianceMatrix(ReturnMatrix returns, double lambda = RiskMetricsLambda)
    {
        ArgumentNullException.ThrowIfNull(returns);
        double[] w = Weights(returns.Observations, lambda);
        int m = returns.Count;
        double[] cov = new double[m * m];
        for (int t = 0; t < returns.Observations; t++)
        {
            ReadOnlySpan<double> r = returns.Row(t);
            for (int i = 0; i < m; i++)
            {
                double wi = w[t] * r[i];
                for (int j = 0; j < m; j++)
                {
                    cov[(i * m) + j] += wi * r[j];
                }
            }
        }

        return cov;
    }

    /// <summary>EWMA VaR/ES with the Euler allocation under the EWMA covariance.</summary>
    public static ParametricRisk Compute(ReturnMatrix returns, ReadOnlySpan<double> exposures, RiskOptions options, double lambda = RiskMetricsLambda)
    {
        ArgumentNullException.ThrowIfNull(returns);
        double[] pnl = PortfolioPnl.FromReturns(returns, exposures);
        double[] w = Weights(returns.Observations, lambda);
        int m = returns.Count;
        double variance = 0.0;
        double[] sv = new double[m];
        for (int t = 0; t < pnl.Length; t++)
        {
            variance += w[t] * pnl[t] * pnl[t];
            ReadOnlySpan<double> r = returns.Row(t);
            double wx = w[t] * pnl[t];
            for (int i = 0; i < m; i++)
            {
                sv[i] += wx * r[i];
            }
        }

        return ParametricVar.FromCovarianceProducts(variance, sv, exposures, 0.0, options);
    }

    /// <summary>EWMA VaR/ES of a P&amp;L series directly.</summary>
    public static VarEs FromPnl(ReadOnlySpan<double> pnl, RiskOptions options, double lambda = RiskMetricsLambda)
    {
        double[] w = Weights(pnl.Length, lambda);
        double variance = 0.0;
        for (int t = 0; t < pnl.Length; t++)
        {
            variance += w[t] * pnl[t] * pnl[t];
        }

        return ParametricVar.FromMoments(0.0, Math.Sqrt(variance), options);
    }
}
