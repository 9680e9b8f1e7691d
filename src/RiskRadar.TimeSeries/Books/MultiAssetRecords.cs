namespace RiskRadar.TimeSeries.Books;

/// <summary>
/// A position valued today: <paramref name="UnitPrice"/> per unit of quantity in <paramref name="Currency"/> (a share's
/// price, an option contract's price × multiplier, a bond's dirty value, a future's fair value × multiplier) and
/// <paramref name="Value"/> in the base currency (0 for a future: it is margined daily).
/// </summary>
/// <param name="Exposure">
/// Delta-equivalent exposure in the base currency: the value of a spot position or a bond, the cash delta (Δ·S) of an
/// option or a future (a future's is its notional).
/// </param>
public sealed record PricedPosition(
    string InstrumentId, string Kind, string AssetClass, string Currency, double Quantity, double UnitPrice, double FxRate, double Value, double Exposure);

/// <summary>A position a multi-asset calculation could not value, and why, in words a client can act on.</summary>
public sealed record ExcludedPosition(string InstrumentId, string Reason);

/// <summary>
/// Sensitivities to one underlying, summed over the book's spot positions, options and futures on it. Delta in units
/// of the underlying and gamma per unit move are the instrument's own; cash figures, vega (per 1.00 of volatility)
/// and theta (per year) are in the base currency.
/// </summary>
public sealed record UnderlyingRisk(string InstrumentId, string Currency, double Spot, double Delta, double CashDelta, double Gamma, double CashGamma, double Vega, double Theta);

/// <summary>A curve's DV01 (base-currency value lost for +1 bp on every pillar) and key-rate DV01s (one pillar at a time).</summary>
public sealed record CurveRisk(string Curve, double Dv01, IReadOnlyList<KeyRateDv01> KeyRates);

public sealed record KeyRateDv01(string InstrumentId, string Tenor, double Years, double Dv01);

/// <summary>
/// One scenario's base-currency P&amp;L by full revaluation split into what the sensitivities predict (delta, gamma,
/// vega, rates: <see cref="Analytics.Valuation.PnlExplanation"/>) and the currency term (the positions' new local
/// values times the FX move); unexplained is what none of them accounts for.
/// </summary>
public sealed record PnlAttribution(DateOnly Date, double Actual, double Delta, double Gamma, double Vega, double Rates, double Fx)
{
    public double Unexplained => Actual - (Delta + Gamma + Vega + Rates + Fx);
}
