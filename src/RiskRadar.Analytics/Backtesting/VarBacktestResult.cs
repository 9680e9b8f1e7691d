namespace RiskRadar.Analytics.Backtesting;

/// <summary>Outcome of backtesting a VaR series: a failure is a loss strictly greater than that day's VaR.</summary>
public sealed record VarBacktestResult(
    int Observations,
    int Failures,
    double Confidence,
    double ExpectedFailures,
    LikelihoodRatio ProportionOfFailures,
    TransitionCounts Transitions,
    LikelihoodRatio Independence,
    LikelihoodRatio ConditionalCoverage,
    TrafficLightZone Zone,
    double CumulativeProbability);
