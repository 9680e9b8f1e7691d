using RiskRadar.Contracts.Events;

namespace RiskRadar.Ingestion.Instruments;

public enum AssetClass
{
    Equity,
    Fx,
    Crypto,
    FixedIncome,
    Volatility,
}

/// <summary>
/// An instrument of the simulated universe with the parameters of its price process. A market factor (a curve
/// pillar, kind <c>Rate</c>; a volatility node, kind <c>Volatility</c>) carries its terms; a pillar's
/// <see cref="Price"/> is its zero-coupon price 100·e^(−z·T) and <see cref="Volatility"/> that price's, the level it
/// is stored at (the simulator quotes it as its rate, as a feed would).
/// </summary>
/// <param name="Volatility">Annualised volatility of log returns.</param>
/// <param name="Drift">Annualised drift of the price.</param>
/// <param name="PriceScale">Multiplier from a feed's raw price to the quote currency (0.01 for pence); 1 if the file omits it.</param>
/// <param name="MeanReversion">Rate per year at which the log price is pulled back to <see cref="Price"/> (0: none); rates and volatilities revert.</param>
public sealed record InstrumentDefinition(
    string Id,
    string Symbol,
    AssetClass AssetClass,
    string Currency,
    double Price,
    double Volatility,
    double Drift,
    double PriceScale = 1,
    string Kind = InstrumentKinds.Spot,
    RateFactor? Rate = null,
    VolatilityFactor? VolatilityNode = null,
    double MeanReversion = 0);
