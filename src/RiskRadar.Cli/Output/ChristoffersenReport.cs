namespace RiskRadar.Cli.Output;

/// <summary>Christoffersen independence and conditional-coverage tests with the transition counts behind them.</summary>
internal sealed record ChristoffersenReport(TestStatistic Independence, TestStatistic ConditionalCoverage, int N00, int N01, int N10, int N11);
