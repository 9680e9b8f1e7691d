namespace RiskRadar.Contracts.Events;

/// <summary>
/// A portfolio's risk now, between two window ends: its holdings at their latest prices (and FX pairs at theirs),
/// revalued over the same daily scenario set as the windows. Its risk (VaR, ES, volatility) is recomputed at most every
/// <c>LiveRefresh</c> while its prices move; a book somebody watches also has its value, P&amp;L and exposures moved
/// with every tick in between (the risk then stays that of <see cref="RiskAsOf"/>). Published to Redis and the live
/// channel only, never to <c>risk.aggregates</c>: a provisional figure is replaced by the next, and only the window
/// aggregates are final and reproducible.
/// </summary>
/// <param name="AsOf">Event time of the newest holding price its value, P&amp;L and exposures used (an FX pair's move counts in the value, not here).</param>
/// <param name="Pnl">Price P&amp;L since the last closed 10 s window end, in the base currency.</param>
/// <param name="Since">That window end; null before the portfolio closed one.</param>
/// <param name="RiskAsOf">Event time of the newest price its VaR, ES and volatility used (at most <see cref="AsOf"/>); null in figures written before it was recorded.</param>
public sealed record ProvisionalRisk(
    string PortfolioId,
    string TenantId,
    string BaseCurrency,
    DateTimeOffset AsOf,
    double MarketValue,
    double Pnl,
    DateTimeOffset? Since,
    double GrossExposure,
    double NetExposure,
    IReadOnlyDictionary<string, double> ExposureByAssetClass,
    double? Var95,
    double? Var99,
    double? Es975,
    double? Volatility,
    int Scenarios,
    int Positions,
    IReadOnlyList<string> InstrumentsWithoutHistory,
    DateTimeOffset ComputedAt,
    string? ScenarioSetId,
    long PositionsVersion,
    DateTimeOffset? RiskAsOf = null)
{
    /// <summary>Always <c>provisional</c>: tells a live-channel reader this is not a window aggregate.</summary>
    public string Kind => "provisional";
}
