using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RiskRadar.Api.Http;
using RiskRadar.Api.Portfolios;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Api.Apis;

/// <summary>Portfolios and their positions; every change is also an event on <c>portfolio.positions</c>.</summary>
public static class PortfoliosApi
{
    public static RouteGroupBuilder MapPortfoliosApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/portfolios").WithTags("Portfolios").RequireAuthorization(RiskRadarPolicies.Viewer);

        api.MapGet("/", ListPortfolios).WithName("ListPortfolios").WithSummary("The tenant's portfolios, a page at a time");
        api.MapPost("/", CreatePortfolio).WithName("CreatePortfolio").WithSummary("Create a portfolio")
            .RequireAuthorization(RiskRadarPolicies.RiskManager).Accepts<PortfolioRequest>("application/json");
        api.MapGet("/{portfolioId}", GetPortfolio).WithName("GetPortfolio").WithSummary("A portfolio, with its version as ETag");
        api.MapPut("/{portfolioId}", UpdatePortfolio).WithName("UpdatePortfolio").WithSummary("Rename or change the base currency (If-Match required)")
            .RequireAuthorization(RiskRadarPolicies.RiskManager).Accepts<PortfolioRequest>("application/json");
        api.MapDelete("/{portfolioId}", DeletePortfolio).WithName("DeletePortfolio").WithSummary("Close every position and delete the portfolio (If-Match required)")
            .RequireAuthorization(RiskRadarPolicies.RiskManager);

        api.MapGet("/{portfolioId}/positions", GetPositions).WithName("GetPositions").WithSummary("The portfolio's open positions");
        api.MapPut("/{portfolioId}/positions/{instrumentId}", SetPosition).WithName("SetPosition")
            .WithSummary("Set one position's quantity (zero closes it); If-Match optional")
            .RequireAuthorization(RiskRadarPolicies.RiskManager).Accepts<PositionQuantityRequest>("application/json");
        api.MapDelete("/{portfolioId}/positions/{instrumentId}", ClosePosition).WithName("ClosePosition").WithSummary("Close one position")
            .RequireAuthorization(RiskRadarPolicies.RiskManager);
        api.MapPost("/{portfolioId}/positions", UploadPositions).WithName("UploadPositions")
            .WithSummary("Bulk upload (JSON or CSV): mode=merge sets the given positions, mode=replace also closes the others")
            .RequireAuthorization(RiskRadarPolicies.RiskManager)
            .Accepts<BulkPositionsRequest>("application/json", "text/csv");
        return api;
    }

    public static async Task<Results<Ok<Page<PortfolioResponse>>, ValidationProblem>> ListPortfolios(
        ClaimsPrincipal user, PortfolioStore store, IOptions<PortfolioOptions> options, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = limit ?? 50;
        if (size < 1 || size > options.Value.MaxPageSize)
        {
            return Problems.Invalid("limit", $"limit must be between 1 and {options.Value.MaxPageSize}.");
        }

        var (items, next) = await store.ListAsync(user.GetTenantId(), cursor, size, cancellationToken);
        return TypedResults.Ok(new Page<PortfolioResponse>([.. items.Select(PortfolioResponse.From)], next));
    }

    public static async Task<Results<Created<PortfolioResponse>, ValidationProblem, ProblemHttpResult>> CreatePortfolio(
        HttpContext context, ClaimsPrincipal user, PortfolioStore store, CancellationToken cancellationToken)
    {
        var (request, errors) = await ReadPortfolioAsync(context.Request, cancellationToken);
        if (errors is not null)
        {
            return Problems.Invalid(errors);
        }

        var result = await store.CreateAsync(user.GetTenantId(), request!.Name!.Trim(), request.BaseCurrency!, cancellationToken);
        if (result.Outcome == PortfolioChangeOutcome.NameTaken)
        {
            return Problems.Conflict("Name taken", $"The tenant already has a portfolio named '{request.Name}'.");
        }

        ETags.Set(context.Response, result.Portfolio!.Version);
        return TypedResults.Created($"/v1/portfolios/{result.Portfolio.Id}", PortfolioResponse.From(result.Portfolio));
    }

    public static async Task<Results<Ok<PortfolioResponse>, ProblemHttpResult>> GetPortfolio(
        string portfolioId, HttpContext context, ClaimsPrincipal user, PortfolioStore store, CancellationToken cancellationToken)
    {
        var portfolio = await store.GetAsync(user.GetTenantId(), portfolioId, cancellationToken);
        if (portfolio is null)
        {
            return Problems.PortfolioNotFound(portfolioId);
        }

        ETags.Set(context.Response, portfolio.Version);
        return TypedResults.Ok(PortfolioResponse.From(portfolio));
    }

    public static async Task<Results<Ok<PortfolioResponse>, ValidationProblem, ProblemHttpResult>> UpdatePortfolio(
        string portfolioId, HttpContext context, ClaimsPrincipal user, PortfolioStore store, CancellationToken cancellationToken)
    {
        if (ETags.IfMatch(context.Request) is not { } expected)
        {
            return Problems.PreconditionRequired();
        }

        var (request, errors) = await ReadPortfolioAsync(context.Request, cancellationToken);
        if (errors is not null)
        {
            return Problems.Invalid(errors);
        }

        var result = await store.UpdateAsync(user.GetTenantId(), portfolioId, expected, request!.Name!.Trim(), request.BaseCurrency!, cancellationToken);
        return ToResult(result, portfolioId, context.Response, p => TypedResults.Ok(PortfolioResponse.From(p)), request.Name);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeletePortfolio(
        string portfolioId, HttpContext context, ClaimsPrincipal user, PortfolioStore store, CancellationToken cancellationToken)
    {
        if (ETags.IfMatch(context.Request) is not { } expected)
        {
            return Problems.PreconditionRequired();
        }

        var result = await store.DeleteAsync(user.GetTenantId(), portfolioId, expected, cancellationToken);
        return result.Outcome switch
        {
            PortfolioChangeOutcome.Done => TypedResults.NoContent(),
            PortfolioChangeOutcome.VersionMismatch => Problems.VersionMismatch(result.Portfolio!.Version),
            _ => Problems.PortfolioNotFound(portfolioId),
        };
    }

    public static async Task<Results<Ok<PositionsResponse>, ProblemHttpResult>> GetPositions(
        string portfolioId, HttpContext context, ClaimsPrincipal user, PortfolioStore store, CancellationToken cancellationToken)
    {
        var tenant = user.GetTenantId();
        var portfolio = await store.GetAsync(tenant, portfolioId, cancellationToken);
        var positions = portfolio is null ? null : await store.GetPositionsAsync(tenant, portfolioId, cancellationToken);
        if (portfolio is null || positions is null)
        {
            return Problems.PortfolioNotFound(portfolioId);
        }

        ETags.Set(context.Response, portfolio.Version);
        return TypedResults.Ok(new PositionsResponse(portfolioId, portfolio.Version, positions));
    }

    public static async Task<Results<Ok<BulkPositionsResponse>, ValidationProblem, ProblemHttpResult>> SetPosition(
        string portfolioId, string instrumentId, HttpContext context, ClaimsPrincipal user, PositionWriter writer, CancellationToken cancellationToken)
    {
        var (request, errors) = await JsonBody.ReadAsync(context.Request, ApiJsonContext.Default.PositionQuantityRequest, cancellationToken);
        if (errors is not null)
        {
            return Problems.Invalid(errors);
        }

        return await writer.WriteAsync(user.GetTenantId(), portfolioId, context, [(instrumentId, request!.Quantity, "")], replace: false, cancellationToken);
    }

    public static async Task<Results<Ok<BulkPositionsResponse>, ValidationProblem, ProblemHttpResult>> ClosePosition(
        string portfolioId, string instrumentId, HttpContext context, ClaimsPrincipal user, PositionWriter writer, CancellationToken cancellationToken) =>
        await writer.WriteAsync(user.GetTenantId(), portfolioId, context, [(instrumentId, 0, "")], replace: false, cancellationToken);

    public static async Task<Results<Ok<BulkPositionsResponse>, ValidationProblem, ProblemHttpResult>> UploadPositions(
        string portfolioId, string? mode, HttpContext context, ClaimsPrincipal user, PositionWriter writer, IOptions<PortfolioOptions> options, CancellationToken cancellationToken)
    {
        if (mode is not (null or "merge" or "replace"))
        {
            return Problems.Invalid("mode", "mode must be 'merge' (default) or 'replace'.");
        }

        List<(string? InstrumentId, double? Quantity, string Field)> rows;
        if (context.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            var (csvRows, csvErrors) = await PositionCsv.ReadAsync(context.Request.Body, options.Value.MaxPositionsPerUpload, cancellationToken);
            if (csvErrors.Count > 0)
            {
                return Problems.Invalid(csvErrors);
            }

            rows = csvRows;
        }
        else
        {
            var (request, errors) = await JsonBody.ReadAsync(context.Request, ApiJsonContext.Default.BulkPositionsRequest, cancellationToken);
            if (errors is not null)
            {
                return Problems.Invalid(errors);
            }

            if (request!.Positions is null)
            {
                return Problems.Invalid("positions", "The positions array is required.");
            }

            if (request.Positions.Count > options.Value.MaxPositionsPerUpload)
            {
                return Problems.Invalid("positions", $"At most {options.Value.MaxPositionsPerUpload} positions per upload.");
            }

            rows = [.. request.Positions.Select((p, i) => (p?.InstrumentId, p?.Quantity, $"positions[{i}]."))];
        }

        return await writer.WriteAsync(user.GetTenantId(), portfolioId, context, rows, replace: mode == "replace", cancellationToken);
    }

    private static async Task<(PortfolioRequest? Request, IDictionary<string, string[]>? Errors)> ReadPortfolioAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var (request, errors) = await JsonBody.ReadAsync(http, ApiJsonContext.Default.PortfolioRequest, cancellationToken);
        errors ??= new Dictionary<string, string[]>();
        if (request is not null)
        {
            PortfolioRules.CheckPortfolio(request.Name, request.BaseCurrency, errors);
        }

        return errors.Count > 0 ? (null, errors) : (request, null);
    }

    private static Results<Ok<PortfolioResponse>, ValidationProblem, ProblemHttpResult> ToResult(
        PortfolioChangeResult result, string portfolioId, HttpResponse response, Func<Portfolio, Ok<PortfolioResponse>> ok, string? name)
    {
        switch (result.Outcome)
        {
            case PortfolioChangeOutcome.Done:
                ETags.Set(response, result.Portfolio!.Version);
                return ok(result.Portfolio);
            case PortfolioChangeOutcome.VersionMismatch:
                return Problems.VersionMismatch(result.Portfolio!.Version);
            case PortfolioChangeOutcome.NameTaken:
                return Problems.Conflict("Name taken", $"The tenant already has a portfolio named '{name}'.");
            default:
                return Problems.PortfolioNotFound(portfolioId);
        }
    }
}
