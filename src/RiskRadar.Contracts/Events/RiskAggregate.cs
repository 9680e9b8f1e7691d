namespace RiskRadar.Contracts.Events;

/// <summary>
/// Risk of one portfolio over one window, keyed by <see cref="PortfolioId"/> on <c>risk.aggregates</c>.
/// Money amounts are in <see cref="BaseCurrency"/>; VaR and ES are positive 1-day losses, the window end's positions
/// at its prices revalued over the daily scenario set <see cref="ScenarioSetId"/>, at the confidence their name gives.
/// </summary>
/// <param name="ScenarioSetId">The daily scenario set the risk measures used; null when no daily history existed.</param>
/// <param name="PositionsVersion">The portfolio's position version the window end's holdings reflect.</param>
public sealed record RiskAggregate(
    string PortfolioId,
    string TenantId,
    string Window,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string BaseCurrency,
    double MarketValue,
    double Pnl,
    double GrossExposure,
    double NetExposure,
    IReadOnlyDictionary<string, double> ExposureByAssetClass,
    double? Var95,
    double? Var99,
    double? Es95,
    double? Es975,
    double? Es99,
    double? Volatility,
    double? Sharpe,
    double? MaxDrawdown,
    int Scenarios,
    int Positions,
    IReadOnlyList<string> InstrumentsWithoutHistory,
    DateTimeOffset ComputedAt,
    string? ScenarioSetId = null,
    long PositionsVersion = 0);
