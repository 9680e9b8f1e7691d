namespace RiskRadar.Analytics.Instruments.Bonds;

/// <summary>
/// A bullet fixed-rate bond: face, annual coupon rate, coupons per year, maturity and day count. Its schedule is
/// generated backward from maturity, unadjusted (QuantLib DateGeneration::Backward, no end-of-month rule), so
/// every coupon period that a settlement date can fall in is regular.
/// </summary>
public sealed record FixedRateBond
{
    public FixedRateBond(double face, double couponRate, int frequency, DateOnly maturity, DayCountConvention dayCount)
    {
        Guard.Positive(face, nameof(face));
        Guard.NonNegative(couponRate, nameof(couponRate));
        if (frequency is not (1 or 2 or 4 or 12))
        {
            throw new ArgumentException($"Coupon frequency must be 1, 2, 4 or 12 per year; got {frequency}.", nameof(frequency));
        }

        if (!Enum.IsDefined(dayCount))
        {
            throw new ArgumentException($"Unknown day count convention {dayCount}.", nameof(dayCount));
        }

        Face = face;
        CouponRate = couponRate;
        Frequency = frequency;
        Maturity = maturity;
        DayCount = dayCount;
    }

    public double Face { get; }

    public double CouponRate { get; }

    public int Frequency { get; }

    public DateOnly Maturity { get; }

    public DayCountConvention DayCount { get; }

    public int MonthsPerPeriod => 12 / Frequency;

    /// <summary>The k-th schedule date counting back from maturity (k = 0 is maturity); each is maturity − k periods.</summary>
    public DateOnly ScheduleDate(int k) => Maturity.AddMonths(-k * MonthsPerPeriod);
}
