using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RiskRadar.Analytics.Optimisation;
using RiskRadar.Analytics.Stress;
using RiskRadar.Api.Http;
using RiskRadar.Api.Risk;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Api.Apis;

/// <summary>Stress scenarios, VaR backtests and optimisation: the analyst's tools on a book.</summary>
public static class AnalysisApi
{
    public static IEndpointRouteBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/risk/stress", Stress).WithTags("Risk").WithName("StressTest")
            .WithSummary("P&L of a portfolio or inline positions under hypothetical shocks (instrument, asset class, currency; or a named library scenario) and historical periods (given, or the worst run of days)")
            .RequireAuthorization(RiskRadarPolicies.Analyst).Accepts<StressRequest>("application/json");
        app.MapGet("/v1/risk/stress/library", StressLibrary).WithTags("Risk").WithName("GetStressLibrary")
            .WithSummary("The tenant's named hypothetical scenarios, which any stress request may name")
            .RequireAuthorization(RiskRadarPolicies.Viewer);
        app.MapGet("/v1/portfolios/{portfolioId}/backtest", Backtest).WithTags("Risk").WithName("BacktestVar")
            .WithSummary("Rolling historical 1-day VaR of today's holdings against each day's realised P&L: Kupiec, Christoffersen, traffic light")
            .RequireAuthorization(RiskRadarPolicies.Analyst);
        app.MapPost("/v1/portfolios/{portfolioId}/optimize", Optimize).WithTags("Risk").WithName("OptimizePortfolio")
            .WithSummary("Minimum-variance, maximum-Sharpe or risk-parity weights of the portfolio's instruments")
            .RequireAuthorization(RiskRadarPolicies.Analyst).Accepts<OptimizeRequest>("application/json");
        return app;
    }

    public static async Task<Results<Ok<StressResponse>, ValidationProblem, ProblemHttpResult>> Stress(
        HttpContext context, ClaimsPrincipal user, PositionSource source, PortfolioAnalysis analysis, IOptions<StressLibraryOptions> library,
        CancellationToken cancellationToken)
    {
        var (request, errors) = await JsonBody.ReadAsync(context.Request, ApiJsonContext.Default.StressRequest, cancellationToken);
        if (errors is not null)
        {
            return Problems.Invalid(errors);
        }

        errors = new Dictionary<string, string[]>();
        var prices = ScenarioKinds.Normalise(request!.Prices);
        if (prices is null)
        {
            errors["prices"] = ["prices must be daily (the default) or intraday."];
        }

        var scenarios = StressRequestParser.Parse(request.Scenarios, library.Value.For(user.GetTenantId()), errors);

        var (book, bookErrors, notFound) = await source.ResolveAsync(user.GetTenantId(), request.PortfolioId, request.Positions, request.BaseCurrency, cancellationToken);
        if (notFound)
        {
            return Problems.PortfolioNotFound(request.PortfolioId!);
        }

        foreach (var (field, messages) in bookErrors ?? new Dictionary<string, string[]>())
        {
            errors[field] = messages;
        }

        if (book is not null && prices == ScenarioKinds.Intraday && MultiAssetCalculator.HoldsContracts(await source.ReferencesAsync(book, cancellationToken)))
        {
            errors["prices"] = ["A book holding options, futures or bonds is valued at live prices or the daily set's closes, on its curves and surfaces: use prices daily."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var (response, problem) = await analysis.StressAsync(book!, prices!, scenarios, request.ValuationDate, cancellationToken);
        return response is not null
            ? TypedResults.Ok(response)
            : TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not enough history", detail: problem);
    }

    public static Ok<IReadOnlyList<NamedStressScenario>> StressLibrary(ClaimsPrincipal user, IOptions<StressLibraryOptions> library) =>
        TypedResults.Ok(library.Value.For(user.GetTenantId()));

    public static async Task<Results<Ok<BacktestResponse>, ValidationProblem, ProblemHttpResult>> Backtest(
        string portfolioId,
        double? confidence,
        int? window,
        int? lookback,
        string? scenarios,
        ClaimsPrincipal user,
        PositionSource source,
        PortfolioAnalysis analysis,
        IOptions<RiskCalculationOptions> options,
        CancellationToken cancellationToken)
    {
        var level = confidence ?? 0.99;
        var estimation = window ?? 250;
        var bars = lookback ?? Math.Min(options.Value.MaxLookback, estimation + 250);
        var errors = new Dictionary<string, string[]>();
        var kind = ScenarioKinds.Normalise(scenarios);
        if (kind is null)
        {
            errors["scenarios"] = ["scenarios must be daily (the default) or intraday."];
        }

        if (!(level >= 0.5 && level < 1))
        {
            errors["confidence"] = ["confidence must be at least 0.5 and below 1."];
        }

        if (estimation < options.Value.MinScenarios || estimation > options.Value.MaxLookback)
        {
            errors["window"] = [$"window must be between {options.Value.MinScenarios} and {options.Value.MaxLookback} bars."];
        }

        if (bars <= estimation || bars > options.Value.MaxLookback)
        {
            errors["lookback"] = [$"lookback must exceed the window and be at most {options.Value.MaxLookback} bars."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var (book, _, notFound) = await source.ResolveAsync(user.GetTenantId(), portfolioId, null, null, cancellationToken);
        if (notFound || book is null)
        {
            return Problems.PortfolioNotFound(portfolioId);
        }

        var (result, reason) = await analysis.BacktestAsync(book, kind!, level, estimation, bars, cancellationToken);
        return result is not null
            ? TypedResults.Ok(result)
            : TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not enough history", detail: reason);
    }

    public static async Task<Results<Ok<OptimizeResponse>, ValidationProblem, ProblemHttpResult>> Optimize(
        string portfolioId, HttpContext context, ClaimsPrincipal user, PositionSource source, PortfolioAnalysis analysis,
        IOptions<RiskCalculationOptions> options, CancellationToken cancellationToken)
    {
        var (request, errors) = await JsonBody.ReadAsync(context.Request, ApiJsonContext.Default.OptimizeRequest, cancellationToken);
        if (errors is not null)
        {
            return Problems.Invalid(errors);
        }

        OptimisationObjective? objective = (request!.Objective ?? "min_variance").ToLowerInvariant().Replace('-', '_') switch
        {
            "min_variance" or "minimum_variance" => OptimisationObjective.MinimumVariance,
            "max_sharpe" or "maximum_sharpe" => OptimisationObjective.MaximumSharpe,
            "risk_parity" => OptimisationObjective.RiskParity,
            _ => null,
        };
        if (objective is null)
        {
            return Problems.Invalid("objective", "objective must be min_variance, max_sharpe or risk_parity.");
        }

        var kind = ScenarioKinds.Normalise(request.Scenarios);
        if (kind is null)
        {
            return Problems.Invalid("scenarios", "scenarios must be daily (the default) or intraday.");
        }

        var bars = request.Lookback ?? (kind == ScenarioKinds.Daily ? source.DailyLookback : options.Value.DefaultLookback);
        if (bars < options.Value.MinScenarios || bars > options.Value.MaxLookback)
        {
            return Problems.Invalid("lookback", $"lookback must be between {options.Value.MinScenarios} and {options.Value.MaxLookback} bars.");
        }

        var (book, _, notFound) = await source.ResolveAsync(user.GetTenantId(), portfolioId, null, null, cancellationToken);
        if (notFound || book is null)
        {
            return Problems.PortfolioNotFound(portfolioId);
        }

        var (result, problem) = await analysis.OptimizeAsync(book, kind, objective.Value, request.LongOnly ?? true, bars, cancellationToken);
        return result is not null
            ? TypedResults.Ok(result)
            : TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Cannot optimise", detail: problem);
    }
}
