namespace RiskRadar.Analytics.Backtesting;

/// <summary>Runs Kupiec, Christoffersen and the traffic light on realised losses against predicted VaR.</summary>
public static class VarBacktest
{
    public static VarBacktestResult Run(ReadOnlySpan<double> losses, ReadOnlySpan<double> valueAtRisk, double confidence)
    {
        Guard.Length(valueAtRisk.Length, losses.Length, nameof(valueAtRisk));
        Guard.MinObservations(losses.Length, 2, nameof(losses));
        Guard.Finite(losses, nameof(losses));
        Guard.Finite(valueAtRisk, nameof(valueAtRisk));
        bool[] failed = new bool[losses.Length];
        for (int t = 0; t < losses.Length; t++)
        {
            failed[t] = losses[t] > valueAtRisk[t];
        }

        return Run(failed, confidence);
    }

    public static VarBacktestResult Run(ReadOnlySpan<bool> failures, double confidence)
    {
        Guard.MinObservations(failures.Length, 2, nameof(failures));
        Guard.Confidence(confidence);
        int n = failures.Length;
        int x = 0;
        foreach (bool f in failures)
        {
            x += f ? 1 : 0;
        }

        LikelihoodRatio pof = Kupiec.ProportionOfFailures(n, x, confidence);
        TransitionCounts counts = TransitionCounts.FromIndicators(failures);
        LikelihoodRatio ind = Christoffersen.Independence(counts);
        LikelihoodRatio cc = Christoffersen.ConditionalCoverage(pof, ind);
        (TrafficLightZone zone, double cumulative) = TrafficLight.Classify(n, x, confidence);
        return new VarBacktestResult(n, x, confidence, n * (1.0 - confidence), pof, counts, ind, cc, zone, cumulative);
    }
}
