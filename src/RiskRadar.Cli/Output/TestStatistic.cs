namespace RiskRadar.Cli.Output;

/// <summary>A likelihood ratio and its χ² p-value.</summary>
internal sealed record TestStatistic(double Lr, double PValue);
