using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RiskRadar.Api.Http;
using RiskRadar.Api.Portfolios;
using RiskRadar.Api.Risk;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using RiskRadar.ServiceDefaults.Auth;
using RiskRadar.TimeSeries;

namespace RiskRadar.Api.Apis;

/// <summary>Risk of portfolios: the latest streamed aggregate, its history, and calculations on demand.</summary>
public static class RiskApi
{
    public static IEndpointRouteBuilder MapRiskApi(this IEndpointRouteBuilder app)
    {
        var portfolios = app.MapGroup("/v1/portfolios/{portfolioId}").WithTags("Risk").RequireAuthorization(RiskRadarPolicies.Viewer);
        portfolios.MapGet("/risk", GetLatestRisk).WithName("GetLatestRisk")
            .WithSummary("The latest streamed risk aggregate of the portfolio (window=10s, 1m or 1d)");
        portfolios.MapGet("/risk/provisional", GetProvisionalRisk).WithName("GetProvisionalRisk")
            .WithSummary("The portfolio's risk now, at its latest prices (provisional: the next window aggregate is final)");
        portfolios.MapGet("/risk/history", GetRiskHistory).WithName("GetRiskHistory")
            .WithSummary("The portfolio's stored aggregates summarised per interval bucket");
        portfolios.MapGet("/risk/explain", ExplainRisk).WithName("ExplainRisk")
            .WithSummary("What a stored window aggregate was computed from, as a POST /v1/risk/calculate body that reproduces its VaR and ES");

        var risk = app.MapGroup("/v1/risk").WithTags("Risk").RequireAuthorization(RiskRadarPolicies.Analyst);
        risk.MapPost("/calculate", Calculate).WithName("CalculateRisk")
            .WithSummary("VaR, ES, volatility, Sharpe, Sortino, drawdown and component VaR of a portfolio or inline positions, now")
            .Accepts<CalculateRequest>("application/json");
        return app;
    }

    public static async Task<Results<Ok<RiskAggregate>, ValidationProblem, ProblemHttpResult>> GetLatestRisk(
        string portfolioId, string? window, ClaimsPrincipal user, PortfolioStore store, LatestRiskCache cache, CancellationToken cancellationToken)
    {
        var kind = window ?? RiskWindows.TenSeconds;
        if (!RiskWindows.IsKnown(kind))
        {
            return Problems.Invalid("window", $"window must be {RiskWindows.Listed}.");
        }

        if (await store.GetAsync(user.GetTenantId(), portfolioId, cancellationToken) is null)
        {
            return Problems.PortfolioNotFound(portfolioId);
        }

        return await cache.ReadAsync(portfolioId, kind) is { } latest
            ? TypedResults.Ok(latest)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No risk yet",
                detail: $"No {kind} window of portfolio '{portfolioId}' has closed since its positions were set.");
    }

    public static async Task<Results<Ok<ProvisionalRisk>, ProblemHttpResult>> GetProvisionalRisk(
        string portfolioId, ClaimsPrincipal user, PortfolioStore store, ProvisionalRiskCache cache, LiveWatchRegistry watches,
        CancellationToken cancellationToken)
    {
        if (await store.GetAsync(user.GetTenantId(), portfolioId, cancellationToken) is null)
        {
            return Problems.PortfolioNotFound(portfolioId);
        }

        // A reader of provisional figures is watching: for the next minute its value follows every tick, not only the refreshes.
        await watches.WatchAsync(portfolioId);

        return await cache.ReadAsync(portfolioId) is { } figure
            ? TypedResults.Ok(figure)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No provisional risk yet",
                detail: $"Portfolio '{portfolioId}' has no priced holding whose price moved in the last {ProvisionalRiskCache.Lifetime.TotalMinutes:0} minutes.");
    }

    public static async Task<Results<Ok<RiskHistoryResponse>, ValidationProblem, ProblemHttpResult>> GetRiskHistory(
        string portfolioId,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? interval,
        string? window,
        ClaimsPrincipal user,
        PortfolioStore store,
        RiskHistoryQuery history,
        TimeProvider time,
        IOptions<RiskCalculationOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = window ?? RiskWindows.OneMinute;
        if (!RiskWindows.IsKnown(kind))
        {
            errors["window"] = [$"window must be {RiskWindows.Listed}."];
        }

        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-1);
        if (start >= end)
        {
            errors["from"] = ["from must be before to."];
        }

        if (!Durations.TryParse(interval ?? "1h", TimeSpan.FromDays(1), out var bucket) || bucket < TimeSpan.FromSeconds(10))
        {
            errors["interval"] = ["interval is a whole number and a unit s, m, h or d of at least 10s, e.g. 5m or 1h."];
        }
        else if ((end - start) / bucket > 10_000)
        {
            errors["interval"] = ["At most 10,000 buckets: widen the interval or narrow the range."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await store.GetAsync(user.GetTenantId(), portfolioId, cancellationToken) is null)
        {
            return Problems.PortfolioNotFound(portfolioId);
        }

        IReadOnlyList<RiskHistoryBucket> buckets;
        try
        {
            buckets = await history.GetBucketedAsync(portfolioId, kind, start, end, bucket, cancellationToken);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            buckets = []; // The stream processor has not created the store yet: no history.
        }

        return TypedResults.Ok(new RiskHistoryResponse(portfolioId, kind, start, end, interval ?? "1h", buckets));
    }

    public static async Task<Results<Ok<RiskExplanation>, ValidationProblem, ProblemHttpResult>> ExplainRisk(
        string portfolioId,
        string? window,
        DateTimeOffset? end,
        ClaimsPrincipal user,
        PortfolioStore store,
        RiskHistoryQuery history,
        TimeSeries.Scenarios.ScenarioSets sets,
        CancellationToken cancellationToken)
    {
        var kind = window ?? RiskWindows.TenSeconds;
        if (!RiskWindows.IsKnown(kind))
        {
            return Problems.Invalid("window", $"window must be {RiskWindows.Listed}.");
        }

        if (await store.GetAsync(user.GetTenantId(), portfolioId, cancellationToken) is null)
        {
            return Problems.PortfolioNotFound(portfolioId);
        }

        RiskAggregate? aggregate;
        try
        {
            aggregate = await history.GetAggregateAsync(portfolioId, kind, end, cancellationToken);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            aggregate = null; // The stream processor has not created the store yet: no history.
        }

        if (aggregate is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such window",
                detail: end is { } at
                    ? $"No stored {kind} window of portfolio '{portfolioId}' ends at {at.ToUniversalTime():O}; window ends are multiples of the window's step."
                    : $"No {kind} window of portfolio '{portfolioId}' is stored yet.");
        }

        if (aggregate.Inputs is not { } inputs)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Window not explainable",
                detail: $"The {kind} window ending {aggregate.WindowEnd:O} was stored before windows recorded the holdings they valued; explain a newer one.");
        }

        var set = aggregate.ScenarioSetId is { } id ? await sets.GetAsync(id, cancellationToken) : null;
        return TypedResults.Ok(RiskExplanation.Of(aggregate, inputs, set?.Lookback));
    }

    public static async Task<Results<Ok<CalculateResponse>, ValidationProblem, ProblemHttpResult>> Calculate(
        HttpContext context, ClaimsPrincipal user, OnDemandCalculator calculator, CancellationToken cancellationToken)
    {
        var (request, errors) = await JsonBody.ReadAsync(context.Request, ApiJsonContext.Default.CalculateRequest, cancellationToken);
        if (errors is not null)
        {
            return Problems.Invalid(errors);
        }

        var outcome = await calculator.CalculateAsync(user.GetTenantId(), request!, cancellationToken);
        if (outcome.NotFound)
        {
            return Problems.PortfolioNotFound(request!.PortfolioId!);
        }

        if (outcome.Errors is not null)
        {
            return Problems.Invalid(outcome.Errors);
        }

        return outcome.TooLittleHistory is { } reason
            ? TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not enough history", detail: reason)
            : TypedResults.Ok(outcome.Response!);
    }
}

public sealed record RiskHistoryResponse(string PortfolioId, string Window, DateTimeOffset From, DateTimeOffset To, string Interval, IReadOnlyList<RiskHistoryBucket> Buckets);
