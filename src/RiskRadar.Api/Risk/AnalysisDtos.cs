using System.Text.Json.Serialization;
using RiskRadar.Api.Portfolios;

namespace RiskRadar.Api.Risk;

/// <summary>Body of <c>POST /v1/risk/stress</c>: a book (stored or inline) and the scenarios to apply to it.</summary>
public sealed class StressRequest
{
    public string? PortfolioId { get; set; }

    [JsonPropertyName("portfolio_id")]
    public string? PortfolioIdSnake { get => PortfolioId; set => PortfolioId ??= value; }

    public List<PositionItem>? Positions { get; set; }

    public string? BaseCurrency { get; set; }

    [JsonPropertyName("base_currency")]
    public string? BaseCurrencySnake { get => BaseCurrency; set => BaseCurrency ??= value; }

    /// <summary>
    /// What values the book before the shocks: daily (default: live prices, else the scenario set's last closes) or
    /// intraday (the last one-minute bars).
    /// </summary>
    public string? Prices { get; set; }

    public List<StressScenarioItem>? Scenarios { get; set; }

    /// <summary>Books holding contracts: the date times to expiry and bond cash flows are counted from; default today (UTC).</summary>
    public DateOnly? ValuationDate { get; set; }

    [JsonPropertyName("valuation_date")]
    public DateOnly? ValuationDateSnake { get => ValuationDate; set => ValuationDate ??= value; }
}

/// <summary>One scenario: <c>named</c> (a library scenario), <c>shocks</c>, or <c>historical</c> (<c>"worst"</c> with <c>days</c>, or <c>{"from","to"}</c>).</summary>
public sealed class StressScenarioItem
{
    public string? Name { get; set; }

    public string? Named { get; set; }

    public List<ShockItem?>? Shocks { get; set; }

    public System.Text.Json.JsonElement? Historical { get; set; }

    public int? Days { get; set; }
}

/// <summary>One shock: <c>target</c> instrument or asset_class, <c>name</c> what it names, <c>kind</c> relative (a return, −0.2 = −20 %) or absolute (price units of the base currency).</summary>
public sealed class ShockItem
{
    public string? Target { get; set; }

    public string? Name { get; set; }

    public string? Kind { get; set; }

    public double? Size { get; set; }

    /// <summary>A key_rate curve shock's pillar, like 5Y.</summary>
    public string? Tenor { get; set; }
}

public sealed record StressResponse(string? PortfolioId, string BaseCurrency, DateTimeOffset? AsOf, double MarketValue, IReadOnlyList<StressScenarioResult> Scenarios, IReadOnlyList<string> InstrumentsWithoutPrice)
{
    /// <summary>For a book holding options, futures or bonds: each position that could not be valued, with the reason.</summary>
    public IReadOnlyList<TimeSeries.Books.ExcludedPosition>? Excluded { get; init; }
}

/// <param name="From">For a historical scenario, the day whose closes the moves start from; <paramref name="To"/> the day they end at.</param>
/// <param name="InstrumentsWithoutHistory">For a historical scenario, positions with no history over the period (not moved).</param>
public sealed record StressScenarioResult(
    string Name, double Pnl, IReadOnlyList<StressPositionResult> Positions, DateOnly? From = null, DateOnly? To = null, IReadOnlyList<string>? InstrumentsWithoutHistory = null);

public sealed record StressPositionResult(string InstrumentId, double MarketValue, double PriceChange, double Pnl);

/// <summary>Kupiec, Christoffersen and the Basel traffic light on the portfolio's current holdings over its bar history.</summary>
public sealed record BacktestResponse(
    string PortfolioId,
    string Method,
    double ConfidenceLevel,
    int EstimationWindow,
    int Observations,
    int Failures,
    double ExpectedFailures,
    double KupiecPValue,
    double IndependencePValue,
    double ConditionalCoveragePValue,
    string TrafficLight,
    DateTimeOffset? AsOf,
    string ScenarioKind,
    string? ScenarioSetId,
    IReadOnlyList<BacktestDay> Days);

/// <summary>
/// One tested row, oldest first: the realised loss (hypothetical P&amp;L of today's holdings, positive = loss), the VaR
/// predicted for it from the window before, and whether the loss exceeded it (an exception).
/// </summary>
/// <param name="Date">The day of a daily row; null for intraday bars.</param>
public sealed record BacktestDay(DateOnly? Date, double Loss, double ValueAtRisk, bool Exception);

/// <summary>Body of <c>POST /v1/portfolios/{id}/optimize</c>.</summary>
public sealed class OptimizeRequest
{
    /// <summary>min_variance (default), max_sharpe or risk_parity.</summary>
    public string? Objective { get; set; }

    /// <summary>Default true: no short positions.</summary>
    public bool? LongOnly { get; set; }

    public int? Lookback { get; set; }

    /// <summary>daily (default) or intraday.</summary>
    public string? Scenarios { get; set; }
}

public sealed record OptimizeResponse(
    string PortfolioId,
    string Objective,
    bool LongOnly,
    int Scenarios,
    double ExpectedReturn,
    double Volatility,
    double? Sharpe,
    IReadOnlyList<OptimizedWeight> Weights,
    string? ScenarioSetId);

/// <summary>A weight of the optimised book, the current weight, and the quantity that would hold it at the book's value.</summary>
public sealed record OptimizedWeight(string InstrumentId, double Weight, double CurrentWeight, double RiskContribution, double TargetQuantity);
