using RiskRadar.Analytics.Instruments.Curves;

namespace RiskRadar.Analytics.Instruments.Bonds;

/// <summary>
/// A bond's remaining cash flows for one unit (one bond of its face) as discount times in years, ACT/365F from the
/// valuation date (the curve's convention, whatever the bond's own day count), and the interest accrued so far.
/// </summary>
internal sealed class CurveCashflows
{
    private CurveCashflows(double[] times, double[] amounts, double accrued, double face)
    {
        Times = times;
        Amounts = amounts;
        Accrued = accrued;
        Face = face;
    }

    public double[] Times { get; }

    public double[] Amounts { get; }

    public double Accrued { get; }

    public double Face { get; }

    public static CurveCashflows Of(FixedRateBond bond, DateOnly valuationDate)
    {
        BondCashflows flows = BondCashflows.At(bond, valuationDate);
        double[] times = new double[flows.Flows.Count];
        double[] amounts = new double[flows.Flows.Count];
        for (int i = 0; i < times.Length; i++)
        {
            times[i] = DayCounter.Days(valuationDate, flows.Flows[i].PaymentDate) / 365.0;
            amounts[i] = flows.Flows[i].Amount;
        }

        return new CurveCashflows(times, amounts, flows.Accrued, bond.Face);
    }

    /// <summary>Σ amount·D(t) for one bond (dirty, in currency).</summary>
    public double DirtyValue(ZeroCurve curve)
    {
        double value = 0.0;
        for (int i = 0; i < Times.Length; i++)
        {
            value += Amounts[i] * curve.Discount(Times[i]);
        }

        return value;
    }
}
