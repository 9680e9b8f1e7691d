namespace RiskRadar.Analytics.Quantiles;

/// <summary>A value-at-risk and expected-shortfall pair, both positive for losses.</summary>
public readonly record struct VarEs(double ValueAtRisk, double ExpectedShortfall)
{
    public VarEs Scale(double factor) => new(ValueAtRisk * factor, ExpectedShortfall * factor);
}
