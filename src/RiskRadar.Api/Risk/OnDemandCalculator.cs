using Microsoft.Extensions.Options;
using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;

namespace RiskRadar.Api.Risk;

/// <summary>The outcome of a calculation: a response, field errors, not found, or too little history.</summary>
public sealed record CalculationOutcome(CalculateResponse? Response, IDictionary<string, string[]>? Errors, bool NotFound, string? TooLittleHistory);

/// <summary><c>POST /v1/risk/calculate</c>: the analytics library's measures on the book's stored bar history.</summary>
public sealed class OnDemandCalculator(PositionSource source, IOptions<RiskCalculationOptions> options)
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

        var metrics = (request.Metrics is { Count: > 0 } ? request.Metrics : [RiskMetricNames.Var, RiskMetricNames.Es])
            .Select(m => (Given: m, Name: RiskMetricNames.Normalise(m))).ToList();
        foreach (var unknown in metrics.Where(m => m.Name is null))
        {
            errors["metrics"] = [$"Unknown metric '{unknown.Given}'; use var, cvar/es, volatility, sharpe, sortino, max_drawdown, component_var."];
        }

        var confidence = request.ConfidenceLevel ?? 0.99;
        if (!(confidence >= 0.5 && confidence < 1))
        {
            errors["confidence_level"] = ["confidence_level must be at least 0.5 and below 1, e.g. 0.99."];
        }

        var horizonText = request.Horizon ?? "1d";
        if (!Durations.TryParse(horizonText, settings.TradingDay, out var horizon))
        {
            errors["horizon"] = ["horizon is a whole number and a unit s, m, h or d, e.g. 1d or 10d."];
        }

        var lookback = request.Lookback ?? settings.DefaultLookback;
        if (lookback < settings.MinScenarios || lookback > settings.MaxLookback)
        {
            errors["lookback"] = [$"lookback must be between {settings.MinScenarios} and {settings.MaxLookback} bars."];
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

        if (errors.Count > 0)
        {
            return new CalculationOutcome(null, errors, false, null);
        }

        var scenarios = await source.ScenariosAsync(book!, lookback, cancellationToken);
        if (scenarios.Returns is not { } returns)
        {
            return new CalculationOutcome(null, null, false,
                $"Fewer than {settings.MinScenarios} common bars of history; instruments without enough: {string.Join(", ", scenarios.WithoutHistory)}.");
        }

        if (horizon.Ticks % scenarios.BarPeriod.Ticks != 0)
        {
            return new CalculationOutcome(null, Http.JsonBody.Error("horizon", $"horizon must be a whole number of bars of {scenarios.BarPeriod.TotalSeconds:0.###} s."), false, null);
        }

        var horizonBars = (int)(horizon.Ticks / scenarios.BarPeriod.Ticks);
        var wanted = metrics.Select(m => m.Name!).ToHashSet(StringComparer.Ordinal);
        var exposures = scenarios.Exposures;
        var riskOptions = new RiskOptions(confidence, horizonBars);
        VarEs? measure = wanted.Contains(RiskMetricNames.Var) || wanted.Contains(RiskMetricNames.Es)
            ? method switch
            {
                RiskMethods.Historical => HistoricalVar.Compute(returns, exposures, riskOptions),
                RiskMethods.Parametric => AsVarEs(ParametricVar.FromReturns(returns, exposures, riskOptions)),
                RiskMethods.CornishFisher => CornishFisherVar.Compute(returns, exposures, riskOptions),
                RiskMethods.Ewma => AsVarEs(EwmaVar.Compute(returns, exposures, riskOptions)),
                _ => MonteCarloVar.Compute(returns, exposures, riskOptions, settings.MonteCarloPaths),
            }
            : null;

        var marketValue = exposures.Sum();
        var ratios = marketValue != 0 && wanted.Overlaps([RiskMetricNames.Volatility, RiskMetricNames.Sharpe, RiskMetricNames.Sortino, RiskMetricNames.MaxDrawdown])
            ? PerformanceRatios.ForPortfolio(returns, exposures, settings.RiskFreeRate, settings.PeriodsPerYear(scenarios.BarPeriod))
            : null;
        Dictionary<string, double>? components = null;
        if (wanted.Contains(RiskMetricNames.ComponentVar))
        {
            // Euler components are the parametric allocation whatever the method: the one that adds up exactly.
            var parametric = ParametricVar.FromReturns(returns, exposures, riskOptions);
            components = returns.Instruments.Select((id, i) => (id, parametric.ComponentVar[i])).ToDictionary(x => x.id, x => x.Item2, StringComparer.Ordinal);
        }

        var result = new RiskMetrics(
            wanted.Contains(RiskMetricNames.Var) ? measure?.ValueAtRisk : null,
            wanted.Contains(RiskMetricNames.Es) ? measure?.ExpectedShortfall : null,
            wanted.Contains(RiskMetricNames.Volatility) ? Finite(ratios?.Volatility) : null,
            wanted.Contains(RiskMetricNames.Sharpe) ? Finite(ratios?.Sharpe) : null,
            wanted.Contains(RiskMetricNames.Sortino) ? Finite(ratios?.Sortino) : null,
            wanted.Contains(RiskMetricNames.MaxDrawdown) ? Finite(ratios?.MaxDrawdown) : null,
            components);
        return new CalculationOutcome(
            new CalculateResponse(
                book!.PortfolioId, book.BaseCurrency, method!, confidence, horizonText, horizonBars, scenarios.BarPeriod.TotalSeconds,
                returns.Observations, scenarios.AsOf, marketValue, result, scenarios.Included, scenarios.WithoutHistory),
            null,
            false,
            null);
    }

    private static VarEs AsVarEs(ParametricRisk risk) => new(risk.ValueAtRisk, risk.ExpectedShortfall);

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
