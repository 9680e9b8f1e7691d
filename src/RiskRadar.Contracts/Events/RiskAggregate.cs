namespace RiskRadar.Contracts.Events;

/// <summary>
/// Risk of one portfolio over one window, keyed by <see cref="PortfolioId"/> on <c>risk.aggregates</c>.
/// Money amounts are in <see cref="BaseCurrency"/>; VaR and ES are positive losses over one return period
/// of the scenario store (one bar), at the confidence their name gives.
/// </summary>
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
    DateTimeOffset ComputedAt);
