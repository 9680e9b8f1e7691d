namespace RiskRadar.Analytics.Instruments.Bonds;

/// <summary>
/// Bond measures at a yield compounded at the coupon frequency, quoted per 100 of face like QuantLib's
/// BondFunctions: clean and dirty price, accrued interest, yield, Macaulay and modified duration (years),
/// convexity, and DV01 = QuantLib's basisPointValue per 100 face (the price change for +1bp, so negative for a
/// long position).
/// </summary>
public sealed record BondAnalytics(
    double CleanPrice,
    double DirtyPrice,
    double AccruedInterest,
    double Yield,
    double MacaulayDuration,
    double ModifiedDuration,
    double Convexity,
    double Dv01);
