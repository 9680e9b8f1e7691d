namespace RiskRadar.Cli.Output;

/// <summary>Output of 'optimize': weights and annualised statistics of the optimal portfolio.</summary>
internal sealed record OptimizeReport(
    string Objective,
    Dictionary<string, double> Weights,
    double ExpectedReturn,
    double Volatility,
    double Sharpe,
    Dictionary<string, double> RiskContributions);
