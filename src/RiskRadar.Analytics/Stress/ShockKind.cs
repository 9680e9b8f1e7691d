namespace RiskRadar.Analytics.Stress;

/// <summary>Relative shocks are returns (−0.2 = a 20% fall); absolute shocks are price changes in price units.</summary>
public enum ShockKind
{
    Relative = 0,
    Absolute = 1,
}
