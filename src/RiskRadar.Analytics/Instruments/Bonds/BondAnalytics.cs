namespace RiskRadar.Analytics.Instruments.Bonds;

/// <summary>
/// Bond measures at a yield compounded at the coupon frequency, quoted per 100 of face like QuantLib's
/// BondFunctions: clean and dirty price, accrued interest, yield, Macaulay and modified duration (years),
/// convexity; <see cref="Dv01"/> with the market sign (the dirty-price loss of a long position per 100 face for
/// +1 bp, positive) and <see cref="BasisPointValue"/>, QuantLib's signed price change for +1 bp (= −DV01).
/// </summary>
public sealed record BondAnalytics(
    double CleanPrice,
    double DirtyPrice,
    double AccruedInterest,
    double Yield,
    double MacaulayDuration,
    double ModifiedDuration,
    double Convexity,
    double Dv01)
{
    /// <summary>QuantLib's <c>BondFunctions.basisPointValue</c> per 100 face: the price change for +1 bp.</summary>
    public double BasisPointValue => -Dv01;
}
