namespace RiskRadar.Analytics.Instruments.Bonds;

/// <summary>
/// A bond discounted on a zero curve, per 100 of face: dirty and clean price, accrued interest, DV01 (the dirty
/// value lost for +1 bp on every pillar, positive for a long bond) and key-rate DV01s (+1 bp on one pillar each).
/// </summary>
public sealed record BondCurveValuation(double DirtyPrice, double CleanPrice, double AccruedInterest, double Dv01, IReadOnlyList<double> KeyRateDv01);
