namespace RiskRadar.Analytics.Instruments.Bonds;

/// <summary>The cash flows still to be paid at a settlement date, and the interest accrued on the current coupon.</summary>
internal sealed class BondCashflows
{
    private BondCashflows(FixedRateBond bond, DateOnly settlement, List<BondCashflow> flows, double accrued)
    {
        Bond = bond;
        Settlement = settlement;
        Flows = flows;
        Accrued = accrued;
    }

    public FixedRateBond Bond { get; }

    public DateOnly Settlement { get; }

    /// <summary>Cash flows paid strictly after settlement (one paid on the settlement date belongs to the seller).</summary>
    public IReadOnlyList<BondCashflow> Flows { get; }

    /// <summary>Accrued interest in currency on the bond's face.</summary>
    public double Accrued { get; }

    public static BondCashflows At(FixedRateBond bond, DateOnly settlement)
    {
        ArgumentNullException.ThrowIfNull(bond);
        if (settlement >= bond.Maturity)
        {
            throw new ArgumentException($"Settlement {settlement:yyyy-MM-dd} must precede maturity {bond.Maturity:yyyy-MM-dd}.", nameof(settlement));
        }

        // Walk back until the schedule date is on or before settlement: it starts the current coupon period.
        int k = 1;
        while (bond.ScheduleDate(k) > settlement)
        {
            k++;
        }

        List<BondCashflow> flows = new(k + 1);
        for (int j = k; j >= 1; j--)
        {
            DateOnly start = bond.ScheduleDate(j), end = bond.ScheduleDate(j - 1);
            double amount = CouponAmount(bond, start, end, end);
            flows.Add(new BondCashflow(end, amount, start, true));
        }

        flows.Add(new BondCashflow(bond.Maturity, bond.Face, bond.Maturity, false));
        DateOnly currentStart = bond.ScheduleDate(k), currentEnd = bond.ScheduleDate(k - 1);
        double accrued = settlement <= currentStart ? 0.0 : CouponAmount(bond, currentStart, currentEnd, settlement);
        return new BondCashflows(bond, settlement, flows, accrued);
    }

    // QuantLib's FixedRateCoupon: nominal × (compoundFactor − 1) with a simply compounded coupon rate.
    private static double CouponAmount(FixedRateBond bond, DateOnly start, DateOnly end, DateOnly until)
    {
        double t = DayCounter.YearFraction(bond.DayCount, start, until, start, end);
        return bond.Face * ((1.0 + (bond.CouponRate * t)) - 1.0);
    }

    /// <summary>
    /// Discount time of each flow from settlement, step by step as QuantLib's getStepwiseDiscountTime: for the
    /// coupon in progress, the remaining fraction is yf(start, pay) − yf(start, settlement).
    /// </summary>
    public double[] StepTimes()
    {
        double[] steps = new double[Flows.Count];
        DateOnly last = Settlement;
        DayCountConvention dc = Bond.DayCount;
        for (int i = 0; i < Flows.Count; i++)
        {
            BondCashflow f = Flows[i];
            if (f.IsCoupon)
            {
                DateOnly refStart = f.AccrualStart, refEnd = f.PaymentDate;
                steps[i] = last != f.AccrualStart
                    ? DayCounter.YearFraction(dc, f.AccrualStart, f.PaymentDate, refStart, refEnd) - DayCounter.YearFraction(dc, f.AccrualStart, last, refStart, refEnd)
                    : DayCounter.YearFraction(dc, last, f.PaymentDate, refStart, refEnd);
            }
            else
            {
                // The redemption falls on the last coupon date, so its step from there is zero in every convention.
                DateOnly refStart = last == Settlement ? f.PaymentDate.AddYears(-1) : last;
                steps[i] = last == f.PaymentDate ? 0.0 : DayCounter.YearFraction(dc, last, f.PaymentDate, refStart, f.PaymentDate);
            }

            last = f.PaymentDate;
        }

        return steps;
    }
}
