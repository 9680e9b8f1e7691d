using Microsoft.Extensions.Options;
using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Analytics.Valuation;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using RiskRadar.Data.Instruments;
using RiskRadar.TimeSeries.Books;
using RiskRadar.TimeSeries.Scenarios;

namespace RiskRadar.Api.Risk;

/// <summary>What a calculation of a book holding contracts asks for, validated.</summary>
public sealed record MultiAssetQuery(
    string Horizon, int HorizonDays, double Confidence, int Lookback, RevaluationMethod Method, DateOnly ValuationDate,
    IReadOnlySet<string> Wanted, string? ScenarioSetId, int MinScenarios, IReadOnlyDictionary<string, double>? Prices = null);

/// <summary>
/// <c>POST /v1/risk/calculate</c> for a book holding options, futures or bonds (or asking for sensitivities): the
/// book valued today on the master's curves and surfaces and fully revalued (or by delta-gamma) over the daily
/// scenario set's rows (<see cref="MultiAssetScenarios"/>, the construction the stream processor shares); historical
/// VaR and ES of that P&amp;L, its sensitivities, and the newest row's P&amp;L explained.
/// </summary>
public sealed class MultiAssetCalculator(InstrumentMasterStore master, ScenarioSets sets, LatestPriceCache prices, IOptions<RiskCalculationOptions> options)
{
    public async Task<CalculationOutcome> CalculateAsync(
        ResolvedBook book, IReadOnlyDictionary<string, InstrumentReference> held, MultiAssetQuery query, CancellationToken cancellationToken)
    {
        var set = query.ScenarioSetId is null ? sets.Current : await sets.GetAsync(query.ScenarioSetId, cancellationToken);
        if (set is null)
        {
            return query.ScenarioSetId is null
                ? new CalculationOutcome(null, null, false, "No daily history is stored yet: import some (POST /v1/admin/history/daily) or wait for Ingestion to load the bundled history.")
                : new CalculationOutcome(null, Http.JsonBody.Error("scenarioSetId",
                    $"No stored scenario set has id '{query.ScenarioSetId}'; sets are kept for a limited time after they are superseded."), false, null);
        }

        var (valued, references) = await ValueAsync(book, held, set, query.ValuationDate, query.Lookback, cancellationToken, query.Prices);
        if (PriceErrors(query.Prices, references) is { Count: > 0 } errors)
        {
            return new CalculationOutcome(null, errors, false, null);
        }

        if (valued.Scenarios < Math.Max(1, query.MinScenarios))
        {
            var left = valued.Excluded.Count == 0 ? "" : " Left out: " + string.Join(" ", valued.Excluded.Select(e => e.Reason));
            return new CalculationOutcome(null, null, false,
                $"Fewer than {query.MinScenarios} daily rows of history for this book's risk factors (it has {valued.Scenarios}).{left}");
        }

        VarEs? measure = null;
        if (query.Wanted.Contains(RiskMetricNames.Var) || query.Wanted.Contains(RiskMetricNames.Es))
        {
            // The horizon is in the moves (× √h), so the P&L's own quantile is the measure, as the stream processor takes it.
            var pnl = new double[valued.Scenarios];
            valued.Revalue(query.HorizonDays, query.Method, pnl);
            measure = HistoricalVar.FromPnl(pnl, new RiskOptions(query.Confidence));
        }

        MultiAssetSensitivities? sensitivities = null;
        if (query.Wanted.Contains(RiskMetricNames.Sensitivities))
        {
            var (underlyings, curves) = valued.Sensitivities();
            sensitivities = new MultiAssetSensitivities(underlyings, curves);
        }

        var metrics = new RiskMetrics(
            query.Wanted.Contains(RiskMetricNames.Var) ? measure?.ValueAtRisk : null,
            query.Wanted.Contains(RiskMetricNames.Es) ? measure?.ExpectedShortfall : null,
            null, null, null, null, null);
        var dates = valued.Rows.Select(r => set.Dates[r]).ToList();
        var positions = valued.Positions.Select(p => new ValuedPosition(
            p.InstrumentId, p.AssetClass, p.Quantity, p.UnitPrice, p.FxRate, p.Value, null, p.Currency, p.Kind)).ToList();
        var response = new CalculateResponse(
            book.PortfolioId, book.BaseCurrency, RiskMethods.Historical, query.Confidence, query.Horizon, query.HorizonDays, TimeSpan.FromDays(1).TotalSeconds,
            valued.Scenarios, new DateTimeOffset(set.AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), valued.Value, metrics, positions,
            [.. valued.Excluded.Select(e => e.InstrumentId)], ScenarioKinds.Daily, set.Id, HorizonMethods.Sqrt, dates[0], dates[^1],
            PeriodsPerYear(valued.Positions, options.Value.DaysPerYear), null)
        {
            Revaluation = RevaluationMethods.Name(query.Method),
            ValuationDate = query.ValuationDate,
            Excluded = valued.Excluded,
            Sensitivities = sensitivities,
            PnlExplained = query.Wanted.Contains(RiskMetricNames.PnlExplain) ? valued.Explain(valued.Scenarios - 1) : null,
        };
        return new CalculationOutcome(response, null, false, null);
    }

    /// <summary>
    /// The book valued now (live levels, else the set's last closes) over the newest <paramref name="lookback"/> rows
    /// of <paramref name="set"/>, and the instruments it was valued with (held, underlyings, curve pillars, surface nodes).
    /// </summary>
    /// <param name="given">Levels to value at instead of the latest (an explained window's), by instrument id.</param>
    public async Task<(MultiAssetScenarioBook Book, IReadOnlyDictionary<string, InstrumentReference> References)> ValueAsync(
        ResolvedBook book, IReadOnlyDictionary<string, InstrumentReference> held, ScenarioSet set, DateOnly valuationDate, int lookback, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, double>? given = null)
    {
        var references = await ReferencesAsync(held, cancellationToken);
        var ids = references.Keys.Where(id => references[id].Kind is InstrumentKinds.Spot or InstrumentKinds.Rate or InstrumentKinds.Volatility)
            .Concat(IntradayScenarios.CandidatePairs(references.Values.Select(r => r.Currency).Distinct(), book.BaseCurrency))
            .Distinct(StringComparer.Ordinal);
        var live = await prices.ReadManyAsync([.. ids]);
        var valued = MultiAssetScenarios.Build(
            set, book.Positions, references, book.BaseCurrency, valuationDate, lookback,
            id => given?.TryGetValue(id, out var price) == true ? price : live.TryGetValue(id, out var tick) ? tick.Price : null);
        return (valued, references);
    }

    /// <summary>A given price must be a level the book is valued at: a spot instrument, a pillar, a node or an FX pair, not a contract.</summary>
    private static Dictionary<string, string[]> PriceErrors(IReadOnlyDictionary<string, double>? prices, IReadOnlyDictionary<string, InstrumentReference> references)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var id in prices?.Keys ?? [])
        {
            if (references.TryGetValue(id, out var reference) && !InstrumentKinds.IsQuoted(reference.Kind))
            {
                errors[$"prices.{id}"] = [$"'{id}' is of kind {reference.Kind}: it is valued from its terms; give the levels of its underlying, curve and surface instead."];
            }
            else if (reference is null && !id.StartsWith("FX.", StringComparison.Ordinal))
            {
                errors[$"prices.{id}"] = [$"'{id}' is not an instrument the book is valued on (a position, an underlying, a curve pillar, a surface node or an FX pair)."];
            }
        }

        return errors;
    }

    /// <summary>Whether the book holds anything but spot instruments: then only the multi-asset path values it.</summary>
    public static bool HoldsContracts(IReadOnlyDictionary<string, InstrumentReference> held) => held.Values.Any(r => InstrumentKinds.IsContract(r.Kind));

    /// <summary>The held instruments, the underlyings of their options and futures, and the master's curve pillars and surface nodes.</summary>
    private async Task<Dictionary<string, InstrumentReference>> ReferencesAsync(IReadOnlyDictionary<string, InstrumentReference> held, CancellationToken cancellationToken)
    {
        var references = new Dictionary<string, InstrumentReference>(held, StringComparer.Ordinal);
        var underlyings = held.Values.Select(r => r.Option?.Underlying ?? r.Future?.Underlying).OfType<string>().Where(u => !references.ContainsKey(u)).ToList();
        if (underlyings.Count > 0)
        {
            foreach (var reference in await master.GetAsync(underlyings, cancellationToken))
            {
                references[reference.InstrumentId] = reference;
            }
        }

        foreach (var kind in new[] { InstrumentKinds.Rate, InstrumentKinds.Volatility })
        {
            foreach (var factor in await master.ReadKindAsync(kind, cancellationToken))
            {
                references.TryAdd(factor.InstrumentId, factor);
            }
        }

        return references;
    }

    private static int PeriodsPerYear(IEnumerable<PricedPosition> positions, IReadOnlyDictionary<string, int> daysPerYear) =>
        positions.Select(p => daysPerYear.TryGetValue(p.AssetClass, out var days) ? days : 252).DefaultIfEmpty(252).Max();
}

/// <summary>Sensitivities of a book per underlying and per curve, in the base currency (docs/analytics.md).</summary>
public sealed record MultiAssetSensitivities(IReadOnlyList<UnderlyingRisk> Underlyings, IReadOnlyList<CurveRisk> Curves);

/// <summary>The names clients use for the ways a book holding contracts is revalued.</summary>
public static class RevaluationMethods
{
    public const string Full = "full";
    public const string DeltaGamma = "delta-gamma";

    public static RevaluationMethod? Parse(string? name) => (name ?? Full).ToLowerInvariant().Replace('_', '-') switch
    {
        Full => RevaluationMethod.Full,
        DeltaGamma or "delta-gamma-vega" => RevaluationMethod.DeltaGamma,
        _ => null,
    };

    public static string Name(RevaluationMethod method) => method == RevaluationMethod.DeltaGamma ? DeltaGamma : Full;
}
