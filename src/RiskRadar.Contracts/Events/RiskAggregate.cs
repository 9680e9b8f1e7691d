namespace RiskRadar.Contracts.Events;

/// <summary>
/// Risk of one portfolio over one window, keyed by <see cref="PortfolioId"/> on <c>risk.aggregates</c>.
/// Money amounts are in <see cref="BaseCurrency"/>; VaR and ES are positive 1-day losses, the window end's positions
/// at its prices revalued over the daily scenario set <see cref="ScenarioSetId"/>, at the confidence their name gives.
/// </summary>
/// <param name="ScenarioSetId">The daily scenario set the risk measures used; null when no daily history existed.</param>
/// <param name="PositionsVersion">The portfolio's position version the window end's holdings reflect.</param>
/// <param name="Inputs">
/// The valued holdings at the window end (instrument-id order): what <c>GET …/risk/explain</c> serves so
/// <c>POST /v1/risk/calculate</c> can reproduce the measures. Carried to the history store; not kept with the latest
/// figure in the cache or sent on the live feed.
/// </param>
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
    long PositionsVersion = 0,
    IReadOnlyList<HoldingInput>? Inputs = null);

/// <summary>A holding as a window end valued it: base-currency value = quantity × price × FX rate.</summary>
/// <param name="Currency">The instrument's currency, which <paramref name="Price"/> is in.</param>
/// <param name="Price">The price that stood at the window end (a contract's: its value per unit of quantity).</param>
/// <param name="FxRate">Base-currency units per unit of <paramref name="Currency"/> at the window end (1 when it is the base).</param>
/// <param name="Kind">
/// Set when the book was valued as a multi-asset book (it holds options, futures or bonds): the instrument's kind.
/// Such a window also lists, with quantity 0, the levels its contracts were valued at (underlyings, curve pillars,
/// surface nodes, FX pairs).
/// </param>
public sealed record HoldingInput(string InstrumentId, string Currency, double Quantity, double Price, double FxRate, string? Kind = null);
