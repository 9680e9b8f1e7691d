namespace RiskRadar.Analytics.Instruments.Bonds;

/// <summary>Yield ↔ price for fixed-rate bonds, following QuantLib 1.29's CashFlows/BondFunctions formulas.</summary>
public static class BondPricer
{
    private const int MaxIterations = 200;

    public static BondAnalytics FromYield(FixedRateBond bond, DateOnly settlement, double yield)
    {
        BondCashflows flows = BondCashflows.At(bond, settlement);
        CheckYield(bond, yield);
        double scale = 100.0 / bond.Face;
        double accrued = flows.Accrued * scale;
        double dirty = DirtyValue(flows, yield) * scale;
        return Measures(flows, yield, dirty - accrued, dirty, accrued);
    }

    /// <summary>Solves for the yield that reprices the clean price (per 100 face), then reports every measure at it.</summary>
    public static BondAnalytics FromCleanPrice(FixedRateBond bond, DateOnly settlement, double cleanPrice)
    {
        Guard.Positive(cleanPrice, nameof(cleanPrice));
        BondCashflows flows = BondCashflows.At(bond, settlement);
        double scale = 100.0 / bond.Face;
        double accrued = flows.Accrued * scale;
        double dirty = cleanPrice + accrued;
        double yield = SolveYield(flows, dirty / scale);
        return Measures(flows, yield, cleanPrice, dirty, accrued);
    }

    private static BondAnalytics Measures(BondCashflows flows, double yield, double clean, double dirty, double accrued)
    {
        (double modified, double convexity, double npv) = Sensitivities(flows, yield);
        double n = flows.Bond.Frequency;
        double macaulay = (1.0 + (yield / n)) * modified;

        // QuantLib's basisPointValue: second-order Taylor step of +1bp, including its convexity/100 scaling.
        // DV01 is its negative: risk users read it as what a long position loses per +1 bp.
        double shift = 0.0001;
        double delta = -modified * npv * shift;
        double gamma = convexity / 100.0 * npv * shift * shift;
        double basisPointValue = (delta + (0.5 * gamma)) * 100.0 / flows.Bond.Face;
        return new BondAnalytics(clean, dirty, accrued, yield, macaulay, modified, convexity, -basisPointValue);
    }

    // CashFlows::npv: the discount factor is a running product over the step times.
    private static double DirtyValue(BondCashflows flows, double yield)
    {
        double[] steps = flows.StepTimes();
        double f = flows.Bond.Frequency;
        double npv = 0.0, discount = 1.0;
        for (int i = 0; i < steps.Length; i++)
        {
            discount *= 1.0 / Math.Pow(1.0 + (yield / f), f * steps[i]);
            npv += flows.Flows[i].Amount * discount;
        }

        return npv;
    }

    // CashFlows::modifiedDuration / convexity: cumulative time, direct discount factor.
    private static (double Modified, double Convexity, double Npv) Sensitivities(BondCashflows flows, double yield)
    {
        double[] steps = flows.StepTimes();
        double n = flows.Bond.Frequency;
        double onePlus = 1.0 + (yield / n);
        double p = 0.0, dPdy = 0.0, d2Pdy2 = 0.0, t = 0.0;
        for (int i = 0; i < steps.Length; i++)
        {
            t += steps[i];
            double c = flows.Flows[i].Amount;
            double b = 1.0 / Math.Pow(onePlus, n * t);
            p += c * b;
            dPdy -= c * t * b / onePlus;
            d2Pdy2 += c * b * t * ((n * t) + 1) / (n * onePlus * onePlus);
        }

        return (-dPdy / p, d2Pdy2 / p, DirtyValue(flows, yield));
    }

    private static double SolveYield(BondCashflows flows, double targetDirty)
    {
        double f = flows.Bond.Frequency;

        // Price falls monotonically from +∞ (y → −f) to 0 (y → ∞); bracket, then Newton with bisection fallback.
        double lo = -f * (1.0 - 1e-9), hi = 1.0;
        while (DirtyValue(flows, hi) > targetDirty)
        {
            hi *= 2.0;
            if (hi > 1e6)
            {
                throw new ArgumentException($"No yield reproduces a dirty value of {targetDirty}.", nameof(targetDirty));
            }
        }

        if (DirtyValue(flows, lo) < targetDirty)
        {
            throw new ArgumentException($"No yield reproduces a dirty value of {targetDirty}.", nameof(targetDirty));
        }

        double y = Math.Clamp(flows.Bond.CouponRate, lo, hi);
        for (int iter = 0; iter < MaxIterations; iter++)
        {
            double value = DirtyValue(flows, y);
            double diff = value - targetDirty;
            if (diff == 0.0)
            {
                return y;
            }

            if (diff > 0.0)
            {
                lo = y;
            }
            else
            {
                hi = y;
            }

            (double modified, _, _) = Sensitivities(flows, y);
            double slope = -modified * value;
            double next = slope != 0.0 ? y - (diff / slope) : double.NaN;
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }

            if (Math.Abs(next - y) <= 1e-15)
            {
                return next;
            }

            y = next;
        }

        return y;
    }

    private static void CheckYield(FixedRateBond bond, double yield)
    {
        Guard.Finite(yield, nameof(yield));
        if (!(yield > -bond.Frequency))
        {
            throw new ArgumentException($"Yield {yield} is at or below −frequency ({-bond.Frequency}); the compounding factor would be non-positive.", nameof(yield));
        }
    }
}
