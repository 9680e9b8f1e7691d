namespace RiskRadar.Analytics.Risk;

/// <summary>Annualised volatility, Sharpe and Sortino ratios and maximum drawdown (a positive fraction).</summary>
public sealed record PerformanceRatios(double Volatility, double Sharpe, double Sortino, double MaxDrawdown)
{
    public const int DefaultPeriodsPerYear = 252;

    /// <summary>
    /// On the constant-weight portfolio return rp[t] = Σ w[i]r[t,i], w = v/Σv (equivalently X[t]/Σv).
    /// </summary>
    public static PerformanceRatios ForPortfolio(ReturnMatrix returns, ReadOnlySpan<double> exposures, double riskFreeAnnual = 0.0, int periodsPerYear = DefaultPeriodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(returns);
        double total = 0.0;
        foreach (double v in exposures)
        {
            total += v;
        }

        if (total == 0.0)
        {
            throw new ArgumentException("Net market value is zero, so portfolio weights v/Σv are undefined.", nameof(exposures));
        }

        return FromPnl(PortfolioPnl.FromReturns(returns, exposures), total, riskFreeAnnual, periodsPerYear);
    }

    /// <summary>The same from the portfolio's scenario P&amp;L already computed and its net market value Σv.</summary>
    public static PerformanceRatios FromPnl(ReadOnlySpan<double> pnl, double netValue, double riskFreeAnnual = 0.0, int periodsPerYear = DefaultPeriodsPerYear)
    {
        if (netValue == 0.0 || !double.IsFinite(netValue))
        {
            throw new ArgumentException($"Net market value is {netValue}, so portfolio weights v/Σv are undefined.", nameof(netValue));
        }

        double[] returns = new double[pnl.Length];
        for (int t = 0; t < returns.Length; t++)
        {
            returns[t] = pnl[t] / netValue;
        }

        return FromReturns(returns, riskFreeAnnual, periodsPerYear);
    }

    /// <summary>
    /// volatility = sd(rp)√N; Sharpe = mean(rp − rf/N)/sd(rp)·√N; Sortino = mean(rp − rf/N)/√mean(min(rp − rf/N, 0)²)·√N;
    /// max drawdown on wealth Π(1+rp) starting from 1. Sortino is +∞ when no period falls short of rf/N.
    /// </summary>
    public static PerformanceRatios FromReturns(ReadOnlySpan<double> portfolioReturns, double riskFreeAnnual = 0.0, int periodsPerYear = DefaultPeriodsPerYear)
    {
        Guard.MinObservations(portfolioReturns.Length, 2, nameof(portfolioReturns));
        Guard.Finite(portfolioReturns, nameof(portfolioReturns));
        Guard.Finite(riskFreeAnnual, nameof(riskFreeAnnual));
        if (periodsPerYear < 1)
        {
            throw new ArgumentException($"Periods per year must be at least 1; got {periodsPerYear}.", nameof(periodsPerYear));
        }

        double rootN = Math.Sqrt(periodsPerYear);
        double rf = riskFreeAnnual / periodsPerYear;
        double sd = SampleStatistics.StandardDeviation(portfolioReturns);
        double excessSum = 0.0, downside = 0.0;
        double wealth = 1.0, peak = 1.0, maxDrawdown = 0.0;
        foreach (double r in portfolioReturns)
        {
            double e = r - rf;
            excessSum += e;
            if (e < 0.0)
            {
                downside += e * e;
            }

            wealth *= 1.0 + r;
            peak = Math.Max(peak, wealth);
            maxDrawdown = Math.Max(maxDrawdown, 1.0 - (wealth / peak));
        }

        int n = portfolioReturns.Length;
        double excessMean = excessSum / n;
        double downsideDeviation = Math.Sqrt(downside / n);
        double sharpe = sd > 0.0 ? excessMean / sd * rootN : double.NaN;
        double sortino = downsideDeviation > 0.0 ? excessMean / downsideDeviation * rootN : double.PositiveInfinity;
        return new PerformanceRatios(sd * rootN, sharpe, sortino, maxDrawdown);
    }
}
