namespace RiskRadar.Analytics.Risk;

/// <summary>
/// Portfolio against a benchmark: beta = cov(rp, rb)/var(rb); tracking error = sd(rp − rb)·√N (n−1);
/// information ratio = mean(rp − rb)·N / tracking error.
/// </summary>
public sealed record BenchmarkStatistics(double Beta, double TrackingError, double InformationRatio)
{
    public static BenchmarkStatistics Compute(ReadOnlySpan<double> portfolioReturns, ReadOnlySpan<double> benchmarkReturns, int periodsPerYear = PerformanceRatios.DefaultPeriodsPerYear)
    {
        Guard.Length(benchmarkReturns.Length, portfolioReturns.Length, nameof(benchmarkReturns));
        Guard.MinObservations(portfolioReturns.Length, 2, nameof(portfolioReturns));
        Guard.Finite(portfolioReturns, nameof(portfolioReturns));
        Guard.Finite(benchmarkReturns, nameof(benchmarkReturns));
        if (periodsPerYear < 1)
        {
            throw new ArgumentException($"Periods per year must be at least 1; got {periodsPerYear}.", nameof(periodsPerYear));
        }

        double benchVar = SampleStatistics.Variance(benchmarkReturns);
        if (!(benchVar > 0.0))
        {
            throw new ArgumentException("Benchmark returns are constant; beta is undefined.", nameof(benchmarkReturns));
        }

        double beta = SampleStatistics.Covariance(portfolioReturns, benchmarkReturns) / benchVar;
        double[] active = new double[portfolioReturns.Length];
        for (int t = 0; t < active.Length; t++)
        {
            active[t] = portfolioReturns[t] - benchmarkReturns[t];
        }

        double te = SampleStatistics.StandardDeviation(active) * Math.Sqrt(periodsPerYear);
        double ir = te > 0.0 ? SampleStatistics.Mean(active) * periodsPerYear / te : double.NaN;
        return new BenchmarkStatistics(beta, te, ir);
    }
}
