namespace RiskRadar.Analytics.Instruments.Bonds;

public enum DayCountConvention
{
    /// <summary>30/360 bond basis (QuantLib Thirty360::BondBasis): D1 = 31 → 30; D2 = 31 → 30 when D1 is 30.</summary>
    Thirty360BondBasis = 0,

    /// <summary>Actual/Actual ICMA: actual days over (frequency × actual days of the reference coupon period).</summary>
    ActualActualIcma = 1,

    /// <summary>Actual/365 Fixed.</summary>
    Actual365Fixed = 2,
}
