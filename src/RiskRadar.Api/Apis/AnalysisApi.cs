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
    private const int MaxScenarios = 50;
    private const int MaxShocks = 500;

    public static IEndpointRouteBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/risk/stress", Stress).WithTags("Risk").WithName("StressTest")
            .WithSummary("P&L of a portfolio or inline positions under shock scenarios (instrument and asset-class shocks)")
            .RequireAuthorization(RiskRadarPolicies.Analyst).Accepts<StressRequest>("application/json");
        app.MapGet("/v1/portfolios/{portfolioId}/backtest", Backtest).WithTags("Risk").WithName("BacktestVar")
            .WithSummary("Rolling historical 1-day VaR of today's holdings against each day's realised P&L: Kupiec, Christoffersen, traffic light")
            .RequireAuthorization(RiskRadarPolicies.Analyst);
        app.MapPost("/v1/portfolios/{portfolioId}/optimize", Optimize).WithTags("Risk").WithName("OptimizePortfolio")
            .WithSummary("Minimum-variance, maximum-Sharpe or risk-parity weights of the portfolio's instruments")
            .RequireAuthorization(RiskRadarPolicies.Analyst).Accepts<OptimizeRequest>("application/json");
        return app;
    }

    public static async Task<Results<Ok<StressResponse>, ValidationProblem, ProblemHttpResult>> Stress(
        HttpContext context, ClaimsPrincipal user, PositionSource source, PortfolioAnalysis analysis, CancellationToken cancellationToken)
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

        var scenarios = new List<StressScenario>();
        if (request!.Scenarios is not { Count: > 0 and <= MaxScenarios } items)
        {
            errors["scenarios"] = [$"Give 1 to {MaxScenarios} scenarios."];
        }
        else
        {
            for (var s = 0; s < items.Count; s++)
            {
                var item = items[s];
                if (string.IsNullOrWhiteSpace(item?.Name) || item.Name.Length > 100)
                {
                    errors[$"scenarios[{s}].name"] = ["A scenario needs a name of at most 100 characters."];
                    continue;
                }

                if (item.Shocks is not { Count: > 0 and <= MaxShocks } shockItems)
                {
                    errors[$"scenarios[{s}].shocks"] = [$"Give 1 to {MaxShocks} shocks."];
                    continue;
                }

                var shocks = new List<Shock>();
                for (var k = 0; k < shockItems.Count; k++)
                {
                    if (PortfolioAnalysis.TryParseShock(shockItems[k] ?? new ShockItem(), out var shock, out var error))
                    {
                        shocks.Add(shock!);
                    }
                    else
                    {
                        errors[$"scenarios[{s}].shocks[{k}]"] = [error!];
                    }
                }

                if (shocks.GroupBy(x => (x.Target, x.Name)).Any(g => g.Count() > 1))
                {
                    errors[$"scenarios[{s}].shocks"] = ["A scenario shocks each instrument or asset class at most once."];
                }
                else if (shocks.Count == shockItems.Count)
                {
                    scenarios.Add(new StressScenario(item.Name, shocks));
                }
            }
        }

        var (book, bookErrors, notFound) = await source.ResolveAsync(user.GetTenantId(), request.PortfolioId, request.Positions, request.BaseCurrency, cancellationToken);
        if (notFound)
        {
            return Problems.PortfolioNotFound(request.PortfolioId!);
        }

        foreach (var (field, messages) in bookErrors ?? new Dictionary<string, string[]>())
        {
            errors[field] = messages;
        }

        return errors.Count > 0 ? Problems.Invalid(errors) : TypedResults.Ok(await analysis.StressAsync(book!, prices!, scenarios, cancellationToken));
    }

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
