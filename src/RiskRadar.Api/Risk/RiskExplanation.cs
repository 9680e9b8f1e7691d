using RiskRadar.Contracts.Events;

namespace RiskRadar.Api.Risk;

/// <summary>
/// What a stored window aggregate was computed from, and the <c>POST /v1/risk/calculate</c> body that recomputes it:
/// the holdings valued at the window end (quantities, prices, FX rates), the scenario set and the positions version.
/// For a book holding contracts the holdings also list, with quantity 0, the levels its contracts were valued at,
/// and the body gives those levels as prices with the window end's day as its valuation date.
/// </summary>
/// <param name="Calculation">Send as the body of <c>POST /v1/risk/calculate</c>; null when the window had no scenario set.</param>
/// <param name="ConfidenceLevels">For each measure of the aggregate, the confidence_level that reproduces it (var and es of one call).</param>
public sealed record RiskExplanation(
    string PortfolioId,
    string Window,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string BaseCurrency,
    string? ScenarioSetId,
    long PositionsVersion,
    int Scenarios,
    DateTimeOffset ComputedAt,
    IReadOnlyList<HoldingInput> Holdings,
    IReadOnlyList<string> InstrumentsWithoutHistory,
    ExplainedMeasures Measures,
    ExplainedCalculation? Calculation,
    IReadOnlyDictionary<string, double> ConfidenceLevels)
{
    private static readonly Dictionary<string, double> Levels = new(StringComparer.Ordinal)
    {
        ["var95"] = 0.95,
        ["es95"] = 0.95,
        ["es975"] = 0.975,
        ["var99"] = 0.99,
        ["es99"] = 0.99,
    };

    /// <param name="lookback">The scenario set's lookback when it is still stored; the calculation's default otherwise.</param>
    public static RiskExplanation Of(RiskAggregate aggregate, IReadOnlyList<HoldingInput> holdings, int? lookback)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(holdings);
        var multiAsset = holdings.Any(h => h.Kind is not null);
        var calculation = aggregate.ScenarioSetId is { } setId && holdings.Count > 0 && multiAsset
            ? new ExplainedCalculation(
                [.. holdings.Where(h => h.Quantity != 0).Select(h => new ExplainedPosition(h.InstrumentId, h.Quantity))],
                aggregate.BaseCurrency,
                // Contracts are valued from their terms at these levels (their positions' and their factors'), on the window end's day.
                holdings.Where(h => InstrumentKinds.IsQuoted(h.Kind!)).ToDictionary(h => h.InstrumentId, h => h.Price, StringComparer.Ordinal),
                new Dictionary<string, double>(StringComparer.Ordinal),
                RiskMethods.Historical,
                0.99,
                "1d",
                ScenarioKinds.Daily,
                lookback,
                setId,
                [RiskMetricNames.Var, RiskMetricNames.Es])
            {
                ValuationDate = DateOnly.FromDateTime(aggregate.WindowEnd.UtcDateTime),
            }
            : aggregate.ScenarioSetId is { } spotSetId && holdings.Count > 0
            ? new ExplainedCalculation(
                [.. holdings.Select(h => new ExplainedPosition(h.InstrumentId, h.Quantity))],
                aggregate.BaseCurrency,
                holdings.ToDictionary(h => h.InstrumentId, h => h.Price, StringComparer.Ordinal),
                holdings.Where(h => h.Currency != aggregate.BaseCurrency).GroupBy(h => h.Currency, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First().FxRate, StringComparer.Ordinal),
                RiskMethods.Historical,
                0.99,
                "1d",
                ScenarioKinds.Daily,
                lookback,
                spotSetId,
                [RiskMetricNames.Var, RiskMetricNames.Es])
            : null;
        return new RiskExplanation(
            aggregate.PortfolioId, aggregate.Window, aggregate.WindowStart, aggregate.WindowEnd, aggregate.BaseCurrency,
            aggregate.ScenarioSetId, aggregate.PositionsVersion, aggregate.Scenarios, aggregate.ComputedAt, holdings,
            aggregate.InstrumentsWithoutHistory,
            new ExplainedMeasures(aggregate.MarketValue, aggregate.Var95, aggregate.Var99, aggregate.Es95, aggregate.Es975, aggregate.Es99),
            calculation,
            Levels);
    }
}

/// <summary>The aggregate's valuation and measures, in its base currency.</summary>
public sealed record ExplainedMeasures(double MarketValue, double? Var95, double? Var99, double? Es95, double? Es975, double? Es99);

/// <summary>A <c>POST /v1/risk/calculate</c> body: inline positions valued at the window end's prices and FX rates.</summary>
public sealed record ExplainedCalculation(
    IReadOnlyList<ExplainedPosition> Positions,
    string BaseCurrency,
    IReadOnlyDictionary<string, double> Prices,
    IReadOnlyDictionary<string, double> FxRates,
    string Method,
    double ConfidenceLevel,
    string Horizon,
    string Scenarios,
    int? Lookback,
    string ScenarioSetId,
    IReadOnlyList<string> Metrics)
{
    /// <summary>For a book holding options, futures or bonds: the window end's day, which their times are counted from.</summary>
    public DateOnly? ValuationDate { get; init; }
}

public sealed record ExplainedPosition(string InstrumentId, double Quantity);
