namespace RiskRadar.Analytics.Kernels;

/// <summary>
/// An option contract's terms in the form <see cref="BlackScholesBatch"/> consumes: sign +1 call / −1 put, ln K,
/// √T, e^(−qT) and qT, the base zero rate at expiry × T, the quantity (contracts × multiplier) and the unit value
/// the P&amp;L is measured from.
/// </summary>
internal readonly record struct OptionTerms(
    double Sign,
    double Strike,
    double LogStrike,
    double Expiry,
    double SqrtExpiry,
    double DividendTime,
    double DividendDiscount,
    double Volatility,
    double RateTime,
    double Quantity,
    double BaseValue);
