namespace RiskRadar.Analytics.Backtesting;

/// <summary>
/// Kupiec (1995) proportion-of-failures test: LR_POF = −2 ln[(1−p)^(n−x) p^x] + 2 ln[(1−x/n)^(n−x) (x/n)^x],
/// p = 1 − c, asymptotically χ²(1).
/// </summary>
public static class Kupiec
{
    public static LikelihoodRatio ProportionOfFailures(int observations, int failures, double confidence)
    {
        Guard.MinObservations(observations, 1, nameof(observations));
        Guard.Confidence(confidence);
        if (failures < 0 || failures > observations)
        {
            throw new ArgumentException($"Failures must lie in [0, {observations}]; got {failures}.", nameof(failures));
        }

        double p = 1.0 - confidence;
        double observed = (double)failures / observations;
        double lr = -2.0 * (BernoulliLogLikelihood.Of(failures, observations - failures, p)
            - BernoulliLogLikelihood.Of(failures, observations - failures, observed));
        return LikelihoodRatio.Create(lr, 1);
    }
}
