namespace RiskRadar.Analytics.Optimisation;

/// <summary>
/// Optimal weights and their statistics, annualised with N periods per year: expected return N·μᵀw,
/// volatility √N·√(wᵀSw), Sharpe (μᵀw − r_f/N)/√(wᵀSw)·√N; risk contributions w[i](Sw)[i]/wᵀSw sum to 1.
/// </summary>
public sealed record OptimisedPortfolio(
    IReadOnlyList<string> Instruments,
    IReadOnlyList<double> Weights,
    double ExpectedReturn,
    double Volatility,
    double Sharpe,
    IReadOnlyList<double> RiskContributions);
