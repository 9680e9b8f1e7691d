using System.Text.Json.Serialization;
using RiskRadar.Api.Portfolios;

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

    /// <summary>Among var, cvar (or es), volatility, sharpe, sortino, max_drawdown, component_var; default var and es.</summary>
    public List<string>? Metrics { get; set; }

    public double? ConfidenceLevel { get; set; }

    [JsonPropertyName("confidence_level")]
    public double? ConfidenceLevelSnake { get => ConfidenceLevel; set => ConfidenceLevel ??= value; }

    /// <summary>Like <c>1d</c>, <c>10d</c>, <c>1h</c>: a whole number of bars; VaR and ES scale with its square root.</summary>
    public string? Horizon { get; set; }

    /// <summary>historical (default), parametric, ewma, cornish-fisher or monte-carlo.</summary>
    public string? Method { get; set; }

    /// <summary>How many of the most recent common bars to use as scenarios.</summary>
    public int? Lookback { get; set; }
}

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
    IReadOnlyList<string> InstrumentsWithoutHistory);

/// <summary>The requested measures, in the base currency (VaR and ES as positive losses over the horizon); others are absent.</summary>
public sealed record RiskMetrics(
    double? Var,
    double? Es,
    double? Volatility,
    double? Sharpe,
    double? Sortino,
    double? MaxDrawdown,
    IReadOnlyDictionary<string, double>? ComponentVar);
