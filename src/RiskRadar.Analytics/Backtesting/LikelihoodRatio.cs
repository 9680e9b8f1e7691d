namespace RiskRadar.Analytics.Backtesting;

/// <summary>A likelihood-ratio statistic with its asymptotic χ² p-value.</summary>
public readonly record struct LikelihoodRatio(double Statistic, int DegreesOfFreedom, double PValue)
{
    public static LikelihoodRatio Create(double statistic, int degreesOfFreedom)
    {
        // Rounding can leave a tiny negative statistic when the model fits exactly; LR ≥ 0 by construction.
        double lr = Math.Max(0.0, statistic);
        double p = MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, lr / 2.0);
        return new LikelihoodRatio(lr, degreesOfFreedom, p);
    }

    /// <summary>Whether the null (correct coverage / independence) is rejected at the given test level.</summary>
    public bool RejectsAt(double level) => PValue < level;
}
