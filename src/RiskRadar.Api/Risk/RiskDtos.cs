using System.Text.Json.Serialization;
using RiskRadar.Api.Portfolios;
using RiskRadar.TimeSeries.Books;

namespace RiskRadar.Api.Risk;

/// <summary>
/// Body of <c>POST /v1/risk/calculate</c>: a stored portfolio or inline positions. Multi-word fields are accepted in
/// the brief's snake_case (<c>portfolio_id</c>, <c>confidence_level</c>) as well as in camelCase.
/// </summary>
public sealed class CalculateRequest
{
    public string? PortfolioId { get; set; }

    [JsonPropertyName("portfolio_id")]
    public string? PortfolioIdSnake { get => PortfolioId; set => PortfolioId ??= value; }

    public List<PositionItem>? Positions { get; set; }

    /// <summary>For inline positions; a stored portfolio uses its own. Default USD.</summary>
    public string? BaseCurrency { get; set; }

    [JsonPropertyName("base_currency")]
    public string? BaseCurrencySnake { get => BaseCurrency; set => BaseCurrency ??= value; }

    /// <summary>Among var, cvar (or es), volatility, sharpe, sortino, max_drawdown, component_var; default var and es.</summary>
    public List<string>? Metrics { get; set; }

    public double? ConfidenceLevel { get; set; }

    [JsonPropertyName("confidence_level")]
    public double? ConfidenceLevelSnake { get => ConfidenceLevel; set => ConfidenceLevel ??= value; }

    /// <summary>Like <c>1d</c>, <c>10d</c>, <c>1h</c>: a whole number of bars; VaR and ES scale with its square root.</summary>
    public string? Horizon { get; set; }

    /// <summary>historical (default), parametric, ewma, cornish-fisher or monte-carlo.</summary>
    public string? Method { get; set; }

    /// <summary>How many of the most recent daily rows (or intraday bars) to use as scenarios.</summary>
    public int? Lookback { get; set; }

    /// <summary>daily (default: the current daily scenario set) or intraday (one-minute bars, for horizons like 10m or 1h).</summary>
    public string? Scenarios { get; set; }

    /// <summary>For daily horizons above 1d: sqrt (default, 1-day measures × √h) or overlapping (h-day returns of overlapping windows).</summary>
    public string? HorizonMethod { get; set; }

    [JsonPropertyName("horizon_method")]
    public string? HorizonMethodSnake { get => HorizonMethod; set => HorizonMethod ??= value; }

    /// <summary>
    /// Daily scenarios only: value these instruments at these prices (in their own currency) instead of the latest
    /// ones, e.g. to reproduce a window aggregate from its explanation (<c>GET …/risk/explain</c>).
    /// </summary>
    public Dictionary<string, double>? Prices { get; set; }

    /// <summary>Daily scenarios only: base-currency units per unit of each currency named (ISO code), instead of the latest FX prices.</summary>
    public Dictionary<string, double>? FxRates { get; set; }

    [JsonPropertyName("fx_rates")]
    public Dictionary<string, double>? FxRatesSnake { get => FxRates; set => FxRates ??= value; }

    /// <summary>Compute on this stored scenario set instead of the current one, to reproduce an earlier result.</summary>
    public string? ScenarioSetId { get; set; }

    [JsonPropertyName("scenario_set_id")]
    public string? ScenarioSetIdSnake { get => ScenarioSetId; set => ScenarioSetId ??= value; }

    /// <summary>Books holding options, futures or bonds: full (default, every contract repriced per scenario) or delta-gamma.</summary>
    public string? Revaluation { get; set; }

    /// <summary>Books holding contracts: the date times to expiry and bond cash flows are counted from; default today (UTC).</summary>
    public DateOnly? ValuationDate { get; set; }

    [JsonPropertyName("valuation_date")]
    public DateOnly? ValuationDateSnake { get => ValuationDate; set => ValuationDate ??= value; }
}

/// <param name="ScenarioKind">daily or intraday.</param>
/// <param name="ScenarioSetId">The daily scenario set the result was computed on (send it back as scenarioSetId to reproduce it); null for intraday.</param>
/// <param name="HorizonMethod">sqrt or overlapping.</param>
/// <param name="ScenariosFrom">The first and last day of the daily rows used.</param>
/// <param name="PeriodsPerYear">Rows a year the ratios are annualised with.</param>
public sealed record CalculateResponse(
    string? PortfolioId,
    string BaseCurrency,
    string Method,
    double ConfidenceLevel,
    string Horizon,
    int HorizonBars,
    double BarSeconds,
    int Scenarios,
    DateTimeOffset? AsOf,
    double MarketValue,
    RiskMetrics Metrics,
    IReadOnlyList<ValuedPosition> Positions,
    IReadOnlyList<string> InstrumentsWithoutHistory,
    string ScenarioKind,
    string? ScenarioSetId,
    string HorizonMethod,
    DateOnly? ScenariosFrom,
    DateOnly? ScenariosTo,
    int PeriodsPerYear,
    StressedPeriod? Stressed)
{
    /// <summary>full or delta-gamma for a book valued as a multi-asset book (holding contracts or asked for sensitivities); absent otherwise.</summary>
    public string? Revaluation { get; init; }

    public DateOnly? ValuationDate { get; init; }

    /// <summary>Positions a multi-asset book could not value, each with the reason; their ids are also in instrumentsWithoutHistory.</summary>
    public IReadOnlyList<ExcludedPosition>? Excluded { get; init; }

    public MultiAssetSensitivities? Sensitivities { get; init; }

    /// <summary>The newest scenario row's one-day P&amp;L by full revaluation and what the sensitivities explain of it.</summary>
    public PnlAttribution? PnlExplained { get; init; }
}

/// <summary>The stressed window the stressed measures were computed on: its first and last day and its row count.</summary>
public sealed record StressedPeriod(DateOnly From, DateOnly To, int Scenarios, string Choice);

/// <summary>The requested measures, in the base currency (VaR and ES as positive losses over the horizon); others are absent.</summary>
public sealed record RiskMetrics(
    double? Var,
    double? Es,
    double? Volatility,
    double? Sharpe,
    double? Sortino,
    double? MaxDrawdown,
    IReadOnlyDictionary<string, double>? ComponentVar,
    double? StressedVar = null,
    double? StressedEs = null);
