using RiskRadar.Analytics.Kernels;
using RiskRadar.Analytics.Quantiles;

namespace RiskRadar.Analytics.Risk;

/// <summary>
/// Parametric normal VaR: σ = √(vᵀSv) with S the sample covariance (n−1), μ = mean(X);
/// VaR = z_c σ√h − μh, ES = σ√h φ(z_c)/(1−c) − μh.
/// </summary>
public static class ParametricVar
{
    public static ParametricRisk FromReturns(ReturnMatrix returns, ReadOnlySpan<double> exposures, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(options);
        Guard.MinObservations(returns.Observations, 2, nameof(returns));
        double[] pnl = PortfolioPnl.FromReturns(returns, exposures);
        int n = returns.Observations, m = returns.Count;
        double mean = SampleStatistics.Mean(pnl);
        double[] centered = new double[n];
        double ss = 0.0;
        for (int t = 0; t < n; t++)
        {
            centered[t] = pnl[t] - mean;
            ss += centered[t] * centered[t];
        }

        // S·v = Σ_t (r_t − r̄)(X_t − X̄)/(n−1): O(n·m) instead of forming the m × m covariance.
        double[] instrumentMean = Covariance.Means(returns);
        double[] sv = new double[m];
        for (int t = 0; t < n; t++)
        {
            ReadOnlySpan<double> row = returns.Row(t);
            double xc = centered[t];
            for (int i = 0; i < m; i++)
            {
                sv[i] += (row[i] - instrumentMean[i]) * xc;
            }
        }

        for (int i = 0; i < m; i++)
        {
            sv[i] /= n - 1;
        }

        double variance = ss / (n - 1);
        return Build(variance, sv, exposures, mean, options);
    }

    /// <summary>From a covariance matrix (row-major m × m) and the P&amp;L mean, with the Euler allocation.</summary>
    public static ParametricRisk FromCovariance(ReadOnlySpan<double> covariance, ReadOnlySpan<double> exposures, double meanPnl, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Guard.Finite(covariance, nameof(covariance));
        Guard.Finite(exposures, nameof(exposures));
        Guard.Finite(meanPnl, nameof(meanPnl));
        double[] sv = new double[exposures.Length];
        double variance = QuadraticForm.Evaluate(covariance, exposures, sv);
        return Build(variance, sv, exposures, meanPnl, options);
    }

    /// <summary>Allocation-free VaR/ES from a covariance; <paramref name="sv"/> (length m) receives S·v.</summary>
    public static VarEs Compute(ReadOnlySpan<double> covariance, ReadOnlySpan<double> exposures, double meanPnl, RiskOptions options, Span<double> sv)
    {
        ArgumentNullException.ThrowIfNull(options);
        double variance = QuadraticForm.Evaluate(covariance, exposures, sv);
        return FromMoments(meanPnl, Math.Sqrt(Math.Max(variance, 0.0)), options);
    }

    /// <summary>VaR/ES of a normal P&amp;L with one-period mean μ and standard deviation σ.</summary>
    public static VarEs FromMoments(double mean, double standardDeviation, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double c = options.Confidence;
        double z = NormalDistribution.Quantile(c);
        double sh = standardDeviation * options.SqrtHorizon;
        double mh = mean * options.Horizon;
        return new VarEs((z * sh) - mh, (sh * NormalDistribution.Density(z) / (1.0 - c)) - mh);
    }

    /// <summary>From σ² = vᵀΣv and Σ·v already computed under any covariance estimate (sample, EWMA).</summary>
    internal static ParametricRisk FromCovarianceProducts(double variance, double[] sv, ReadOnlySpan<double> exposures, double mean, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Build(variance, sv, exposures, mean, options);
    }

    private static ParametricRisk Build(double variance, double[] sv, ReadOnlySpan<double> exposures, double mean, RiskOptions options)
    {
        if (!(variance > 0.0))
        {
            throw new ArgumentException("Portfolio P&L variance is zero; parametric VaR and its allocation are undefined.", nameof(exposures));
        }

        double sigma = Math.Sqrt(variance);
        VarEs measure = FromMoments(mean, sigma, options);
        double scale = NormalDistribution.Quantile(options.Confidence) * options.SqrtHorizon / sigma;
        double[] component = new double[sv.Length];
        double[] marginal = new double[sv.Length];
        for (int i = 0; i < sv.Length; i++)
        {
            marginal[i] = scale * sv[i];
            component[i] = exposures[i] * marginal[i];
        }

        return new ParametricRisk(measure.ValueAtRisk, measure.ExpectedShortfall, mean, sigma, component, marginal);
    }
}
