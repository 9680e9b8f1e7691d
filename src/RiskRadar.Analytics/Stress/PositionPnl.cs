namespace RiskRadar.Analytics.Stress;

/// <summary>P&amp;L of one position under a scenario, with the price move that produced it.</summary>
public sealed record PositionPnl(string Instrument, double MarketValue, double PriceChange, double Pnl);
