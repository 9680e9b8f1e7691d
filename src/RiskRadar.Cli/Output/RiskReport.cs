namespace RiskRadar.Cli.Output;

/// <summary>Output of 'risk'. Ratios are null where undefined (zero net market value, no downside periods).</summary>
internal sealed record RiskReport(
    string Method,
    double Confidence,
    int Horizon,
    int Observations,
    double MarketValue,
    double Var,
    double ExpectedShortfall,
    Dictionary<string, double> Components,
    double? Volatility,
    double? Sharpe,
    double? Sortino,
    double? MaxDrawdown);
