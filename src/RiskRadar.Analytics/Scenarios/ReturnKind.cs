namespace RiskRadar.Analytics.Scenarios;

/// <summary>How a scenario set turns two consecutive closes into a return.</summary>
public enum ReturnKind
{
    /// <summary>P[t]/P[t−1] − 1: the scenario P&amp;L of a position is exactly its value times the return.</summary>
    Simple,

    /// <summary>ln(P[t]/P[t−1]): additive over days; P&amp;L is taken to first order as value times the return.</summary>
    Log,
}
