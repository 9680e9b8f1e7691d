namespace RiskRadar.Analytics.Instruments.Curves;

/// <summary>z(t) = Lower·z[Index] + Upper·z[Index + 1]; Upper is 0 on or outside a pillar.</summary>
public readonly record struct PillarWeights(int Index, double Lower, double Upper);
