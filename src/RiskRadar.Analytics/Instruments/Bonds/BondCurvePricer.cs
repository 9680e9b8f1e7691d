using RiskRadar.Analytics.Instruments.Curves;

namespace RiskRadar.Analytics.Instruments.Bonds;

/// <summary>
/// Fixed-rate bonds discounted on a zero curve (QuantLib's DiscountingBondEngine with settlement on the valuation
/// date): dirty value Σ cᵢ·D(tᵢ) over the flows paid after the valuation date; DV01s by repricing on bumped curves.
/// </summary>
public static class BondCurvePricer
{
    public const double BasisPoint = 1e-4;

    public static BondCurveValuation Value(FixedRateBond bond, DateOnly valuationDate, ZeroCurve curve)
    {
        ArgumentNullException.ThrowIfNull(bond);
        ArgumentNullException.ThrowIfNull(curve);
        CurveCashflows flows = CurveCashflows.Of(bond, valuationDate);
        double scale = 100.0 / bond.Face;
        double dirty = flows.DirtyValue(curve) * scale;
        double accrued = flows.Accrued * scale;
        double dv01 = dirty - (flows.DirtyValue(curve.Shifted(BasisPoint)) * scale);
        double[] keyRates = new double[curve.Pillars];
        for (int p = 0; p < keyRates.Length; p++)
        {
            keyRates[p] = dirty - (flows.DirtyValue(curve.Shifted(BasisPoint, p)) * scale);
        }

        return new BondCurveValuation(dirty, dirty - accrued, accrued, dv01, keyRates);
    }
}
