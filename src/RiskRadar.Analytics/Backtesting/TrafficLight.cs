using MathNet.Numerics;

namespace RiskRadar.Analytics.Backtesting;

/// <summary>
/// Basel traffic light: with P(X ≤ x) the binomial(n, 1−c) probability of at most x exceptions, the zone is green
/// below 95%, yellow below 99.99% and red otherwise. For 250 days at 99% this gives green 0–4, yellow 5–9, red ≥ 10.
/// </summary>
public static class TrafficLight
{
    public const double YellowThreshold = 0.95;
    public const double RedThreshold = 0.9999;

    public static (TrafficLightZone Zone, double CumulativeProbability) Classify(int observations, int failures, double confidence)
    {
        double p = CumulativeProbability(observations, failures, confidence);
        TrafficLightZone zone = p < YellowThreshold ? TrafficLightZone.Green : p < RedThreshold ? TrafficLightZone.Yellow : TrafficLightZone.Red;
        return (zone, p);
    }

    /// <summary>P(X ≤ x) for X ~ Binomial(n, 1−c), summed term by term in log space (exact for the sizes used here).</summary>
    public static double CumulativeProbability(int observations, int failures, double confidence)
    {
        Guard.MinObservations(observations, 1, nameof(observations));
        Guard.Confidence(confidence);
        if (failures < 0 || failures > observations)
        {
            throw new ArgumentException($"Failures must lie in [0, {observations}]; got {failures}.", nameof(failures));
        }

        double p = 1.0 - confidence;
        double logP = Math.Log(p), log1mP = double.LogP1(-p);
        double sum = 0.0;
        for (int k = 0; k <= failures; k++)
        {
            sum += Math.Exp(SpecialFunctions.BinomialLn(observations, k) + (k * logP) + ((observations - k) * log1mP));
        }

        return Math.Min(1.0, sum);
    }
}
