namespace RiskRadar.Api.Market;

/// <summary>A currency's zero curve as the master's pillars and their latest levels, shortest tenor first.</summary>
public sealed record CurveResponse(string Currency, IReadOnlyList<CurvePillar> Pillars);

/// <param name="ZeroRate">Continuously compounded, ACT/365F.</param>
/// <param name="AsOf">When the level was seen: a live tick's time, or the day of the last daily close.</param>
/// <param name="Source"><c>live</c> (the newest tick) or <c>close</c> (the last daily close of the scenario set).</param>
public sealed record CurvePillar(string InstrumentId, string Tenor, double Years, double ZeroRate, double DiscountFactor, DateTimeOffset AsOf, string Source);

/// <summary>An underlying's implied-volatility nodes and their latest levels, by tenor then moneyness.</summary>
public sealed record VolatilitySurfaceResponse(string Underlying, IReadOnlyList<VolatilityNode> Nodes);

public sealed record VolatilityNode(string InstrumentId, string Tenor, double Years, double Moneyness, double Volatility, DateTimeOffset AsOf, string Source);
