using RiskRadar.Analytics.Instruments.Bonds;
using RiskRadar.Analytics.Instruments.Options;

namespace RiskRadar.Analytics.Valuation;

/// <summary>A position in a multi-asset book; indices point into a <see cref="MarketState"/>.</summary>
public abstract record Holding(double Quantity);

/// <summary>A spot instrument (share, currency, coin, commodity): value = quantity × spot.</summary>
public sealed record LinearHolding(int Underlying, double Quantity) : Holding(Quantity);

/// <summary>
/// A European option on an underlying: <paramref name="Quantity"/> is contracts × multiplier, <paramref name="Expiry"/>
/// in years (ACT/365F, 0 on the expiry date), the rate is the zero rate of curve <paramref name="Curve"/> at expiry.
/// </summary>
public sealed record OptionHolding(
    int Underlying,
    OptionType Type,
    double Strike,
    double Expiry,
    double DividendYield,
    int Volatility,
    int Curve,
    double Quantity) : Holding(Quantity);

/// <summary>
/// A future on an underlying, margined daily: it adds nothing to the book's value, and quantity × (F′ − F) to its P&amp;L,
/// with F the cost-of-carry fair value (<see cref="Instruments.Futures.FuturePricer"/>). Quantity is contracts × multiplier.
/// </summary>
public sealed record FutureHolding(int Underlying, double Expiry, double CarryYield, int Curve, double Quantity) : Holding(Quantity);

/// <summary>A fixed-rate bond discounted on curve <paramref name="Curve"/>; quantity is the number of bonds of its face.</summary>
public sealed record BondHolding(FixedRateBond Bond, int Curve, double Quantity) : Holding(Quantity);
