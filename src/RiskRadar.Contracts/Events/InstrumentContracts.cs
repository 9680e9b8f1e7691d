namespace RiskRadar.Contracts.Events;

/// <summary>
/// A European option on a spot instrument of the master. Its rate is the zero rate of the curve of the option's
/// currency at expiry; its dividend yield is <paramref name="DividendYield"/> (a share or an index) or the zero rate
/// of the curve of <paramref name="DividendCurve"/> (a currency option: the foreign currency).
/// </summary>
/// <param name="Underlying">Instrument id of a spot instrument.</param>
/// <param name="Right">One of <see cref="OptionRights"/>.</param>
/// <param name="Expiry">Exercise date; the option is worth its intrinsic value on it and is gone after it.</param>
/// <param name="Multiplier">Units of the underlying one contract delivers.</param>
public sealed record OptionContract(
    string Underlying,
    string Right,
    double Strike,
    DateOnly Expiry,
    double Multiplier,
    double? DividendYield = null,
    string? DividendCurve = null);

/// <summary>
/// A future on a spot instrument, fair-valued by cost of carry: F = S·e^((r − y)T), with r the zero rate of the curve
/// of the future's currency at expiry and y <paramref name="CarryYield"/> or the zero rate of <paramref name="CarryCurve"/>.
/// </summary>
public sealed record FutureContract(
    string Underlying,
    DateOnly Expiry,
    double Multiplier,
    double? CarryYield = null,
    string? CarryCurve = null);

/// <summary>
/// A bullet fixed-rate bond, discounted on the zero curve of <paramref name="Curve"/> (its own currency when absent).
/// A position's quantity counts bonds of <paramref name="Face"/>.
/// </summary>
/// <param name="CouponRate">Annual coupon rate (0.045 for 4.5 %).</param>
/// <param name="Frequency">Coupons a year: 1, 2, 4 or 12.</param>
/// <param name="DayCount">One of <see cref="DayCounts"/>.</param>
public sealed record BondContract(
    double Face,
    double CouponRate,
    int Frequency,
    string DayCount,
    DateOnly Maturity,
    string? Curve = null);

/// <summary>
/// One pillar of the zero curve of <paramref name="Curve"/> (a currency) at <paramref name="Tenor"/> (<see cref="Instruments.Tenors"/>).
/// Feeds quote its continuously compounded zero rate z; it streams and is stored as the price of a zero-coupon bond
/// of that constant maturity, 100·e^(−z·T), so that, like every price, it is positive and its daily moves are ratios:
/// Δz = −ln(P′/P)/T exactly (<see cref="Instruments.ZeroCouponQuotes"/>).
/// </summary>
public sealed record RateFactor(string Curve, string Tenor);

/// <summary>
/// One node of the implied-volatility surface of <paramref name="Underlying"/>: expiry <paramref name="Tenor"/> and
/// moneyness K/S (1 at the money). Its level is the volatility (0.25 for 25 %); its scenario moves are relative.
/// </summary>
public sealed record VolatilityFactor(string Underlying, string Tenor, double Moneyness);

public static class OptionRights
{
    public const string Call = "Call";
    public const string Put = "Put";
}

/// <summary>The bond day counts the pricers implement (docs/analytics.md).</summary>
public static class DayCounts
{
    public const string Thirty360 = "30/360";
    public const string ActualActual = "ACT/ACT";
    public const string Actual365Fixed = "ACT/365F";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Thirty360, ActualActual, Actual365Fixed };
}
