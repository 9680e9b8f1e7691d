using Microsoft.Extensions.Options;
using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Api.Risk;

/// <summary>The outcome of a calculation: a response, field errors, not found, or too little history.</summary>
public sealed record CalculationOutcome(CalculateResponse? Response, IDictionary<string, string[]>? Errors, bool NotFound, string? TooLittleHistory);

/// <summary>
/// <c>POST /v1/risk/calculate</c>: the analytics library's measures of a book, by default on the current daily
/// scenario set (today's positions at live prices over its daily returns), or on intraday bars when asked.
/// </summary>
public sealed class OnDemandCalculator(PositionSource source, MultiAssetCalculator multiAsset, TimeProvider clock, IOptions<RiskCalculationOptions> options)
{
    public async Task<CalculationOutcome> CalculateAsync(string tenantId, CalculateRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var errors = new Dictionary<string, string[]>();
        var method = RiskMethods.Normalise(request.Method);
        if (method is null)
        {
            errors["method"] = ["method must be historical, parametric, ewma, cornish-fisher or monte-carlo."];
        }

        var kind = ScenarioKinds.Normalise(request.Scenarios);
        if (kind is null)
        {
            errors["scenarios"] = ["scenarios must be daily (the default) or intraday."];
        }

        var horizonMethod = HorizonMethods.Normalise(request.HorizonMethod);
        if (horizonMethod is null)
        {
            errors["horizonMethod"] = ["horizonMethod must be sqrt (the default) or overlapping."];
        }

        var metrics = (request.Metrics is { Count: > 0 } ? request.Metrics : [RiskMetricNames.Var, RiskMetricNames.Es])
            .Select(m => (Given: m, Name: RiskMetricNames.Normalise(m))).ToList();
        foreach (var unknown in metrics.Where(m => m.Name is null))
        {
            errors["metrics"] = [$"Unknown metric '{unknown.Given}'; use var, cvar/es, volatility, sharpe, sortino, max_drawdown, component_var, stressed_var, stressed_es, sensitivities, pnl_explain."];
        }

        var wanted = metrics.Where(m => m.Name is not null).Select(m => m.Name!).ToHashSet(StringComparer.Ordinal);
        var stressedWanted = wanted.Contains(RiskMetricNames.StressedVar) || wanted.Contains(RiskMetricNames.StressedEs);
        if (kind == ScenarioKinds.Intraday && stressedWanted)
        {
            errors["metrics"] = ["stressed_var and stressed_es are measured on daily scenarios; drop them or use scenarios: daily."];
        }

        var confidence = request.ConfidenceLevel ?? 0.99;
        if (!(confidence >= 0.5 && confidence < 1))
        {
            errors["confidence_level"] = ["confidence_level must be at least 0.5 and below 1, e.g. 0.99."];
        }

        var horizonText = request.Horizon ?? "1d";
        var horizonDays = 0;
        TimeSpan horizon = default;
        if (kind == ScenarioKinds.Daily)
        {
            if (!horizonText.EndsWith('d') || !Durations.TryParse(horizonText, TimeSpan.FromDays(1), out horizon))
            {
                errors["horizon"] = ["With daily scenarios the horizon is a whole number of days, e.g. 1d or 10d; for 10m or 1h use scenarios: intraday."];
            }

            horizonDays = (int)horizon.TotalDays;
        }
        else if (!Durations.TryParse(horizonText, settings.TradingDay, out horizon))
        {
            errors["horizon"] = ["horizon is a whole number and a unit s, m, h or d, e.g. 1d or 10d."];
        }

        var lookback = request.Lookback ?? (kind == ScenarioKinds.Daily ? source.DailyLookback : settings.DefaultLookback);
        if (lookback < settings.MinScenarios || lookback > settings.MaxLookback)
        {
            errors["lookback"] = [$"lookback must be between {settings.MinScenarios} and {settings.MaxLookback} {(kind == ScenarioKinds.Daily ? "days" : "bars")}."];
        }

        Valuation.Check(request.Prices, request.FxRates, kind, errors);
        if (request.ScenarioSetId is { Length: > 100 })
        {
            errors["scenarioSetId"] = ["scenarioSetId is the id a previous result returned, at most 100 characters."];
        }

        var (book, bookErrors, notFound) = await source.ResolveAsync(tenantId, request.PortfolioId, request.Positions, request.BaseCurrency, cancellationToken);
        if (notFound)
        {
            return new CalculationOutcome(null, null, true, null);
        }

        foreach (var (field, messages) in bookErrors ?? new Dictionary<string, string[]>())
        {
            errors[field] = messages;
        }

        IReadOnlyDictionary<string, InstrumentReference>? held = null;
        if (book is not null)
        {
            held = await source.ReferencesAsync(book, cancellationToken);
            book = book with { References = held };
        }

        // Contracts are valued from their terms and revalued per scenario; asking for what only that path measures
        // (sensitivities, a revaluation method, a valuation date) takes a book of spot instruments the same way.
        var revaluation = RevaluationMethods.Parse(request.Revaluation);
        if (revaluation is null)
        {
            errors["revaluation"] = ["revaluation must be full (the default) or delta-gamma."];
        }

        var multiAssetBook = (held is not null && MultiAssetCalculator.HoldsContracts(held))
            || wanted.Contains(RiskMetricNames.Sensitivities) || wanted.Contains(RiskMetricNames.PnlExplain)
            || request.Revaluation is not null || request.ValuationDate is not null;
        if (multiAssetBook)
        {
            MultiAssetChecks(request, method, kind, horizonMethod, metrics.Select(m => m.Name).OfType<string>(), errors);
            if (request.Metrics is not { Count: > 0 })
            {
                wanted.Add(RiskMetricNames.Sensitivities);
            }
        }
        else if (book is not null)
        {
            Valuation.CheckHeld(request.Prices, book, errors);
        }

        if (errors.Count > 0)
        {
            return new CalculationOutcome(null, errors, false, null);
        }

        if (multiAssetBook)
        {
            var query = new MultiAssetQuery(
                horizonText, horizonDays, confidence, lookback, revaluation!.Value,
                request.ValuationDate ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), wanted, request.ScenarioSetId, settings.MinScenarios, request.Prices);
            return await multiAsset.CalculateAsync(book!, held!, query, cancellationToken);
        }

        var scenarios = await source.ScenariosAsync(
            book!, kind!, lookback, cancellationToken, scenarioSetId: request.ScenarioSetId, given: new Valuation(request.Prices, request.FxRates));
        if (scenarios is null)
        {
            return new CalculationOutcome(null, Http.JsonBody.Error("scenarioSetId",
                $"No stored scenario set has id '{request.ScenarioSetId}'; sets are kept for a limited time after they are superseded."), false, null);
        }

        if (scenarios.Returns is not { } daily)
        {
            return new CalculationOutcome(null, null, false, TooLittleHistory(scenarios, settings.MinScenarios));
        }

        int horizonBars;
        if (kind == ScenarioKinds.Daily)
        {
            horizonBars = horizonDays;
        }
        else if (horizon.Ticks % scenarios.BarPeriod.Ticks != 0)
        {
            return new CalculationOutcome(null, Http.JsonBody.Error("horizon", $"horizon must be a whole number of bars of {scenarios.BarPeriod.TotalSeconds:0.###} s."), false, null);
        }
        else
        {
            horizonBars = (int)(horizon.Ticks / scenarios.BarPeriod.Ticks);
        }

        var overlapping = horizonMethod == HorizonMethods.Overlapping && horizonBars > 1;
        if (overlapping && daily.Observations - horizonBars + 1 < settings.MinScenarios)
        {
            return new CalculationOutcome(null, null, false,
                $"{horizonBars}-day overlapping returns need at least {horizonBars + settings.MinScenarios - 1} daily rows; there are {daily.Observations}.");
        }

        var kindOfReturns = scenarios.Set?.Kind ?? ReturnKind.Simple;
        var returns = overlapping ? HorizonReturns.Overlapping(daily, horizonBars, kindOfReturns) : daily;
        var riskOptions = new RiskOptions(confidence, overlapping ? 1 : horizonBars);
        var exposures = scenarios.Exposures;
        VarEs? measure = wanted.Contains(RiskMetricNames.Var) || wanted.Contains(RiskMetricNames.Es)
            ? Measure(method!, returns, exposures, riskOptions, settings.MonteCarloPaths)
            : null;

        var marketValue = exposures.Sum();
        var periodsPerYear = scenarios.PeriodsPerYear ?? settings.PeriodsPerYear(scenarios.BarPeriod);
        var ratios = marketValue != 0 && wanted.Overlaps([RiskMetricNames.Volatility, RiskMetricNames.Sharpe, RiskMetricNames.Sortino, RiskMetricNames.MaxDrawdown])
            ? PerformanceRatios.ForPortfolio(daily, exposures, settings.RiskFreeRate, periodsPerYear)
            : null;
        Dictionary<string, double>? components = null;
        if (wanted.Contains(RiskMetricNames.ComponentVar))
        {
            // Euler components are the parametric allocation whatever the method: the one that adds up exactly.
            var parametric = ParametricVar.FromReturns(returns, exposures, riskOptions);
            components = returns.Instruments.Select((id, i) => (id, parametric.ComponentVar[i])).ToDictionary(x => x.id, x => x.Item2, StringComparer.Ordinal);
        }

        StressedPeriod? stressedPeriod = null;
        VarEs? stressed = null;
        if (stressedWanted && Stressed(scenarios, exposures, confidence, horizonBars, overlapping, method!, settings) is { } found)
        {
            (stressed, stressedPeriod) = found;
        }

        var result = new RiskMetrics(
            wanted.Contains(RiskMetricNames.Var) ? measure?.ValueAtRisk : null,
            wanted.Contains(RiskMetricNames.Es) ? measure?.ExpectedShortfall : null,
            wanted.Contains(RiskMetricNames.Volatility) ? Finite(ratios?.Volatility) : null,
            wanted.Contains(RiskMetricNames.Sharpe) ? Finite(ratios?.Sharpe) : null,
            wanted.Contains(RiskMetricNames.Sortino) ? Finite(ratios?.Sortino) : null,
            wanted.Contains(RiskMetricNames.MaxDrawdown) ? Finite(ratios?.MaxDrawdown) : null,
            components,
            wanted.Contains(RiskMetricNames.StressedVar) ? stressed?.ValueAtRisk : null,
            wanted.Contains(RiskMetricNames.StressedEs) ? stressed?.ExpectedShortfall : null);
        var (from, to) = scenarios.Set is { } set && scenarios.Rows is { Count: > 0 } rows
            ? (set.Dates[rows[0]], set.Dates[rows[^1]])
            : ((DateOnly?)null, (DateOnly?)null);
        return new CalculationOutcome(
            new CalculateResponse(
                book!.PortfolioId, book.BaseCurrency, method!, confidence, horizonText, horizonBars, scenarios.BarPeriod.TotalSeconds,
                returns.Observations, scenarios.AsOf, marketValue, result, scenarios.Included, scenarios.WithoutHistory,
                scenarios.Kind, scenarios.ScenarioSetId, overlapping ? HorizonMethods.Overlapping : HorizonMethods.Sqrt, from, to, periodsPerYear, stressedPeriod),
            null,
            false,
            null);
    }

    /// <summary>What a multi-asset book can be measured by: historical revaluation over daily rows, VaR, ES, sensitivities and the P&amp;L explained.</summary>
    private static void MultiAssetChecks(
        CalculateRequest request, string? method, string? kind, string? horizonMethod, IEnumerable<string> metrics, Dictionary<string, string[]> errors)
    {
        const string Book = "A book holding options, futures or bonds (or asking for sensitivities, a revaluation or a valuation date)";
        if (method is not null and not RiskMethods.Historical)
        {
            errors["method"] = [$"{Book} is measured by historical revaluation: use method historical."];
        }

        if (kind is not null and not ScenarioKinds.Daily)
        {
            errors["scenarios"] = [$"{Book} is revalued over daily scenarios: use scenarios daily."];
        }

        if (horizonMethod == HorizonMethods.Overlapping)
        {
            errors["horizonMethod"] = [$"{Book} reaches a horizon of several days by scaling each day's moves by its square root: use horizonMethod sqrt."];
        }

        if (metrics.FirstOrDefault(m => m is not (RiskMetricNames.Var or RiskMetricNames.Es or RiskMetricNames.Sensitivities or RiskMetricNames.PnlExplain)) is { } other)
        {
            errors["metrics"] = [$"{Book} is measured by var, es, sensitivities and pnl_explain; '{other}' is not available for it."];
        }

        if (request.FxRates is { Count: > 0 })
        {
            errors["fxRates"] = [$"{Book} converts its currencies at their FX pairs' prices: give those in prices (e.g. \"FX.EURUSD\": 1.08) instead of fxRates."];
        }
    }

    internal static string TooLittleHistory(BookScenarios scenarios, int minScenarios) =>
        scenarios.Kind == ScenarioKinds.Daily && scenarios.Set is null
            ? "No daily history is stored yet: import some (POST /v1/admin/history/daily) or wait for Ingestion to load the bundled history."
            : scenarios.Kind == ScenarioKinds.Daily
                ? $"Fewer than {minScenarios} daily rows of history for this book; instruments without history: {string.Join(", ", scenarios.WithoutHistory)}."
                : $"Fewer than {minScenarios} common bars of history; instruments without enough: {string.Join(", ", scenarios.WithoutHistory)}.";

    internal static VarEs Measure(string method, ReturnMatrix returns, double[] exposures, RiskOptions riskOptions, int monteCarloPaths) => method switch
    {
        RiskMethods.Historical => HistoricalVar.Compute(returns, exposures, riskOptions),
        RiskMethods.Parametric => AsVarEs(ParametricVar.FromReturns(returns, exposures, riskOptions)),
        RiskMethods.CornishFisher => CornishFisherVar.Compute(returns, exposures, riskOptions),
        RiskMethods.Ewma => AsVarEs(EwmaVar.Compute(returns, exposures, riskOptions)),
        _ => MonteCarloVar.Compute(returns, exposures, riskOptions, monteCarloPaths),
    };

    /// <summary>
    /// Stressed VaR/ES: the same method and horizon on the book's stressed window, the configured period or else the
    /// window of its available history whose historical 1-day VaR at the same confidence is largest.
    /// </summary>
    private static (VarEs Measure, StressedPeriod Period)? Stressed(
        BookScenarios scenarios, double[] exposures, double confidence, int horizonDays, bool overlapping, string method, RiskCalculationOptions settings)
    {
        if (scenarios.Set is not { } set || scenarios.Columns is not { Count: > 0 } columns)
        {
            return null;
        }

        var history = BookReturns.Available(set, columns);
        if (history.Returns is not { } all)
        {
            return null;
        }

        int start, length;
        string choice;
        if (settings.StressedFrom is { } fixedFrom && settings.StressedTo is { } fixedTo)
        {
            var rows = history.Rows.Select((row, k) => (Date: set.Dates[row], k)).Where(x => x.Date >= fixedFrom && x.Date <= fixedTo).Select(x => x.k).ToList();
            if (rows.Count < settings.MinScenarios)
            {
                return null;
            }

            (start, length, choice) = (rows[0], rows.Count, "configured");
        }
        else
        {
            var pnl = PortfolioPnl.FromReturns(all, exposures);
            start = StressedWindow.Find(pnl, settings.StressedWindow, confidence);
            if (start < 0)
            {
                return null;
            }

            (length, choice) = (settings.StressedWindow, "worst-window");
        }

        var m = all.Count;
        var window = new ReturnMatrix(all.Instruments, length, all.Values.Slice(start * m, length * m));
        var returns = overlapping ? HorizonReturns.Overlapping(window, horizonDays, set.Kind) : window;
        var measure = Measure(method, returns, exposures, new RiskOptions(confidence, overlapping ? 1 : horizonDays), settings.MonteCarloPaths);
        return (measure, new StressedPeriod(set.Dates[history.Rows[start]], set.Dates[history.Rows[start + length - 1]], length, choice));
    }

    private static VarEs AsVarEs(ParametricRisk risk) => new(risk.ValueAtRisk, risk.ExpectedShortfall);

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
