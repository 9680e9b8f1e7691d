namespace RiskRadar.Analytics.Stress;

/// <summary>What a shock applies to. Precedence when several match a position: instrument, then asset class, then factors.</summary>
public enum ShockTarget
{
    Instrument = 0,
    AssetClass = 1,
    Factor = 2,
}
