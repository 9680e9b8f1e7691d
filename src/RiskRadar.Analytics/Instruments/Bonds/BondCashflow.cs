namespace RiskRadar.Analytics.Instruments.Bonds;

/// <summary>
/// One future cash flow. Coupons carry their accrual period (which is also their reference period);
/// the redemption has none.
/// </summary>
internal readonly record struct BondCashflow(DateOnly PaymentDate, double Amount, DateOnly AccrualStart, bool IsCoupon);
