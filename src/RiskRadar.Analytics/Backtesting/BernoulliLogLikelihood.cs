namespace RiskRadar.Analytics.Backtesting;

/// <summary>x·ln p + (n−x)·ln(1−p) with the 0·ln 0 = 0 convention the LR tests need at the boundaries.</summary>
internal static class BernoulliLogLikelihood
{
    public static double Of(int successes, int failures, double p) =>
        XLogY(successes, p) + XLogY(failures, 1.0 - p);

    private static double XLogY(int x, double y) => x == 0 ? 0.0 : x * Math.Log(y);
}
