namespace RiskRadar.Analytics.Instruments.Bonds;

/// <summary>Year fractions written as QuantLib 1.29 computes them, operation for operation, so prices agree to rounding.</summary>
public static class DayCounter
{
    public static double YearFraction(DayCountConvention convention, DateOnly d1, DateOnly d2, DateOnly referenceStart, DateOnly referenceEnd) =>
        convention switch
        {
            DayCountConvention.Thirty360BondBasis => Thirty360BondBasisDays(d1, d2) / 360.0,
            DayCountConvention.Actual365Fixed => Days(d1, d2) / 365.0,
            DayCountConvention.ActualActualIcma => ActualActualIcma(d1, d2, referenceStart, referenceEnd),
            _ => throw new ArgumentException($"Unknown day count convention {convention}.", nameof(convention)),
        };

    public static int Days(DateOnly d1, DateOnly d2) => d2.DayNumber - d1.DayNumber;

    public static int Thirty360BondBasisDays(DateOnly d1, DateOnly d2)
    {
        int dd1 = d1.Day, dd2 = d2.Day;
        if (dd1 == 31)
        {
            dd1 = 30;
        }

        if (dd2 == 31 && dd1 == 30)
        {
            dd2 = 30;
        }

        return (360 * (d2.Year - d1.Year)) + (30 * (d2.Month - d1.Month)) + (dd2 - dd1);
    }

    // QuantLib's ActualActual(ISMA) without a schedule: the reference period's length in months is estimated as
    // round(12·days/365), and the fraction is (months/12)·days(d1,d2)/days(ref). Only periods inside one
    // reference period occur here, since every coupon of the bonds priced is regular.
    private static double ActualActualIcma(DateOnly d1, DateOnly d2, DateOnly refStart, DateOnly refEnd)
    {
        if (d1 == d2)
        {
            return 0.0;
        }

        if (d2 < d1)
        {
            return -ActualActualIcma(d2, d1, refStart, refEnd);
        }

        if (!(refEnd > refStart && refStart <= d1 && d2 <= refEnd))
        {
            throw new ArgumentException($"ACT/ACT ICMA needs {d1:yyyy-MM-dd}..{d2:yyyy-MM-dd} inside its reference period {refStart:yyyy-MM-dd}..{refEnd:yyyy-MM-dd}.", nameof(d1));
        }

        int refDays = Days(refStart, refEnd);
        long months = (long)Math.Round(12.0 * refDays / 365.0, MidpointRounding.AwayFromZero);
        double period = months / 12.0;
        return period * Days(d1, d2) / refDays;
    }
}
