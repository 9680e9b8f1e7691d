namespace RiskRadar.Cli.Output;

/// <summary>Output of 'backtest'.</summary>
internal sealed record BacktestReport(
    int Observations,
    int Failures,
    double Confidence,
    double ExpectedFailures,
    TestStatistic Kupiec,
    ChristoffersenReport Christoffersen,
    TrafficLightReport TrafficLight);
