using Microsoft.Extensions.Options;
using RiskRadar.Api.Portfolios;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using RiskRadar.Data.Instruments;
using RiskRadar.TimeSeries.Scenarios;

namespace RiskRadar.Api.Risk;

/// <summary>The positions and base currency a calculation is about, and the history it needs, from one request.</summary>
/// <param name="References">The positions' instrument records when resolving already read them (inline books), so they are not read twice.</param>
public sealed record ResolvedBook(
    string? PortfolioId,
    string BaseCurrency,
    IReadOnlyList<(string InstrumentId, double Quantity)> Positions,
    IReadOnlyDictionary<string, InstrumentReference>? References = null);

/// <summary>
/// Turns "a stored portfolio or inline positions" into a checked book and its scenarios: the shared first step of
/// calculate, stress, backtest and optimise.
/// </summary>
public sealed class PositionSource(
    PortfolioStore store,
    InstrumentMasterStore catalog,
    BarHistory history,
    ScenarioSets scenarioSets,
    LatestPriceCache prices,
    IOptions<RiskCalculationOptions> riskOptions,
    IOptions<PortfolioOptions> portfolioOptions,
    IOptions<ScenarioSetOptions> scenarioSetOptions)
{
    /// <summary>Daily rows a measure uses when the request does not say: the scenario sets' lookback.</summary>
    public int DailyLookback => scenarioSetOptions.Value.Lookback;

    /// <returns>The book, or the errors (field → messages); a portfolio outside the tenant gives neither (not found).</returns>
    public async Task<(ResolvedBook? Book, IDictionary<string, string[]>? Errors, bool NotFound)> ResolveAsync(
        string tenantId, string? portfolioId, IReadOnlyList<PositionItem>? inline, string? baseCurrency, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if ((portfolioId is null) == (inline is null))
        {
            errors["portfolio_id"] = ["Give either portfolio_id or positions, not both and not neither."];
            return (null, errors, false);
        }

        if (portfolioId is not null)
        {
            var portfolio = await store.GetAsync(tenantId, portfolioId, cancellationToken);
            var held = portfolio is null ? null : await store.GetPositionsAsync(tenantId, portfolioId, cancellationToken);
            return portfolio is null || held is null
                ? (null, null, true)
                : (new ResolvedBook(portfolioId, portfolio.BaseCurrency, [.. held.Select(p => (p.InstrumentId, p.Quantity))]), null, false);
        }

        var currency = baseCurrency ?? "USD";
        PortfolioRules.CheckPortfolio("inline", currency, errors);
        if (inline!.Count == 0 || inline.Count > riskOptions.Value.MaxPositions)
        {
            errors["positions"] = [$"Give 1 to {riskOptions.Value.MaxPositions} positions."];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inline.Count; i++)
        {
            var item = inline[i];
            PortfolioRules.CheckPosition(item?.InstrumentId, item?.Quantity, portfolioOptions.Value.MaxAbsoluteQuantity, $"positions[{i}].", errors);
            if (item?.InstrumentId is { } id && !seen.Add(id))
            {
                errors[$"positions[{i}].instrumentId"] = [$"'{id}' appears more than once."];
            }
        }

        Dictionary<string, InstrumentReference> references = [];
        if (errors.Count == 0)
        {
            references = (await catalog.GetAsync(seen, cancellationToken)).ToDictionary(r => r.InstrumentId, StringComparer.Ordinal);
            for (var i = 0; i < inline.Count; i++)
            {
                if (!references.TryGetValue(inline[i].InstrumentId!, out var reference))
                {
                    errors[$"positions[{i}].instrumentId"] = [$"Unknown instrument '{inline[i].InstrumentId}'."];
                }
                else if (reference.Kind is InstrumentKinds.Rate or InstrumentKinds.Volatility)
                {
                    errors[$"positions[{i}].instrumentId"] = [PortfolioRules.MarketFactor(reference)];
                }
            }
        }

        return errors.Count > 0
            ? (null, errors, false)
            : (new ResolvedBook(null, currency, [.. inline.Select(p => (p.InstrumentId!, p.Quantity!.Value))], references), null, false);
    }

    /// <summary>The book's instruments from the master (those resolving an inline book already read, else read now).</summary>
    public async Task<IReadOnlyDictionary<string, InstrumentReference>> ReferencesAsync(ResolvedBook book, CancellationToken cancellationToken) =>
        book.References
        ?? (await catalog.GetAsync([.. book.Positions.Select(p => p.InstrumentId)], cancellationToken)).ToDictionary(r => r.InstrumentId, StringComparer.Ordinal);

    /// <summary>
    /// The book's base-currency scenarios: the newest <paramref name="lookback"/> daily rows of the current scenario
    /// set (or of the set <paramref name="scenarioSetId"/> names), or its most recent common intraday bars.
    /// </summary>
    /// <param name="minScenarios">Fewer rows than this and the book has no returns; default from options.</param>
    /// <param name="given">Prices and FX rates to value the daily book at instead of the latest ones.</param>
    /// <returns>Null when <paramref name="scenarioSetId"/> names no stored set.</returns>
    public async Task<BookScenarios?> ScenariosAsync(
        ResolvedBook book, string kind, int lookback, CancellationToken cancellationToken, int? minScenarios = null, string? scenarioSetId = null,
        Valuation? given = null)
    {
        var ids = book.Positions.Select(p => p.InstrumentId).ToList();
        var references = await ReferencesAsync(book, cancellationToken);
        var pairs = IntradayScenarios.CandidatePairs(references.Values.Select(r => r.Currency).Distinct(), book.BaseCurrency);
        var minimum = minScenarios ?? riskOptions.Value.MinScenarios;
        if (kind == ScenarioKinds.Intraday)
        {
            // A few bars more than asked: instruments' histories need not start or end on the same bar.
            var bars = await history.LatestAsync([.. ids.Concat(pairs)], lookback + 16, cancellationToken);
            return IntradayScenarios.Build(book.Positions, references, book.BaseCurrency, bars, lookback, minimum);
        }

        var set = scenarioSetId is null ? scenarioSets.Current : await scenarioSets.GetAsync(scenarioSetId, cancellationToken);
        if (set is null)
        {
            return scenarioSetId is null
                ? new BookScenarios(null, [], ids, TimeSpan.FromDays(1), null, ScenarioKinds.Daily, null)
                : null;
        }

        var live = await prices.ReadManyAsync([.. ids.Concat(pairs)]);
        var scenarios = DailyScenarios.ForBook(set, book.Positions, references, book.BaseCurrency, live, lookback, riskOptions.Value.DaysPerYear, given);
        return scenarios.Returns is { } returns && returns.Observations < Math.Max(1, minimum)
            ? scenarios with { Returns = null }
            : scenarios;
    }
}
