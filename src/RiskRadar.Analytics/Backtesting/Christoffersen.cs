namespace RiskRadar.Analytics.Backtesting;

/// <summary>
/// Christoffersen (1998) tests on the failure sequence. Independence: first-order Markov alternative,
/// LR_ind = −2 ln[(1−π)^(N00+N10) π^(N01+N11)] + 2 ln[(1−π01)^N00 π01^N01 (1−π11)^N10 π11^N11], χ²(1).
/// Conditional coverage: LR_cc = LR_POF + LR_ind, χ²(2) — the form MATLAB's varbacktest reports.
/// </summary>
public static class Christoffersen
{
    public static LikelihoodRatio Independence(TransitionCounts counts)
    {
        (int n00, int n01, int n10, int n11) = counts;
        int total = n00 + n01 + n10 + n11;
        if (total < 1)
        {
            throw new ArgumentException("At least two observations (one transition) are required.", nameof(counts));
        }

        double pi = (double)(n01 + n11) / total;
        double pi01 = n00 + n01 > 0 ? (double)n01 / (n00 + n01) : 0.0;
        double pi11 = n10 + n11 > 0 ? (double)n11 / (n10 + n11) : 0.0;
        double restricted = BernoulliLogLikelihood.Of(n01 + n11, n00 + n10, pi);
        double unrestricted = BernoulliLogLikelihood.Of(n01, n00, pi01) + BernoulliLogLikelihood.Of(n11, n10, pi11);
        return LikelihoodRatio.Create(-2.0 * (restricted - unrestricted), 1);
    }

    public static LikelihoodRatio ConditionalCoverage(LikelihoodRatio proportionOfFailures, LikelihoodRatio independence) =>
        LikelihoodRatio.Create(proportionOfFailures.Statistic + independence.Statistic, 2);
}
