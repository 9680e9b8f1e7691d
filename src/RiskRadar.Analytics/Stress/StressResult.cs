namespace RiskRadar.Analytics.Stress;

/// <summary>Scenario P&amp;L by position and in total (negative = loss).</summary>
public sealed record StressResult(string Scenario, IReadOnlyList<PositionPnl> Positions, double TotalPnl);
