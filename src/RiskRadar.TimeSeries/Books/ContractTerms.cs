using RiskRadar.Analytics.Instruments.Bonds;
using RiskRadar.Analytics.Instruments.Options;
using RiskRadar.Contracts.Events;

namespace RiskRadar.TimeSeries.Books;

/// <summary>The instrument master's contract terms in the analytics library's types.</summary>
public static class ContractTerms
{
    /// <summary>ACT/365F years from <paramref name="from"/> to <paramref name="to"/>, the curves' and options' time.</summary>
    public static double Years(DateOnly from, DateOnly to) => (to.DayNumber - from.DayNumber) / 365.0;

    public static OptionType Right(OptionContract option) => option.Right == OptionRights.Put ? OptionType.Put : OptionType.Call;

    public static FixedRateBond Bond(BondContract bond) => new(bond.Face, bond.CouponRate, bond.Frequency, bond.Maturity, bond.DayCount switch
    {
        DayCounts.ActualActual => DayCountConvention.ActualActualIcma,
        DayCounts.Actual365Fixed => DayCountConvention.Actual365Fixed,
        _ => DayCountConvention.Thirty360BondBasis,
    });
}
