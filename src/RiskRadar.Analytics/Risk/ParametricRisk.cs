namespace RiskRadar.Analytics.Risk;

/// <summary>
/// Variance-covariance result: VaR and ES, the P&amp;L mean μ and standard deviation σ (one period), and the Euler
/// allocation (zero mean): component VaR z√h·v[i](Sv)[i]/σ and marginal VaR z√h·(Sv)[i]/σ per instrument.
/// </summary>
public sealed record ParametricRisk(
    double ValueAtRisk,
    double ExpectedShortfall,
    double Mean,
    double StandardDeviation,
    IReadOnlyList<double> ComponentVar,
    IReadOnlyList<double> MarginalVar);
