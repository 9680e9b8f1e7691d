using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RiskRadar.Api.Http;
using RiskRadar.Api.Portfolios;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using RiskRadar.ServiceDefaults.Auth;
using RiskRadar.TimeSeries;

namespace RiskRadar.Api.Apis;

public static class InstrumentsApi
{
    public static RouteGroupBuilder MapInstrumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/instruments").WithTags("Instruments").RequireAuthorization(RiskRadarPolicies.Viewer);

        api.MapGet("/", ListInstruments)
            .WithName("ListInstruments")
            .WithSummary("The instrument master, a page at a time, optionally of one asset class");

        api.MapGet("/{instrumentId}/bars", GetBars)
            .WithName("GetBars")
            .WithSummary("Closed price bars of an instrument from the time-series store (default: the last day)");

        api.MapGet("/{instrumentId}/price", GetLatestPrice)
            .WithName("GetLatestPrice")
            .WithSummary("Latest price of an instrument")
            .WithDescription("The newest tick the stream processor has seen for the instrument, from the cache.");

        return api;
    }

    public static async Task<Results<Ok<Page<InstrumentReference>>, ValidationProblem>> ListInstruments(
        string? assetClass, int? limit, string? cursor, InstrumentCatalog catalog, IOptions<PortfolioOptions> options, CancellationToken cancellationToken)
    {
        var size = limit ?? 100;
        if (size < 1 || size > options.Value.MaxPageSize)
        {
            return Problems.Invalid("limit", $"limit must be between 1 and {options.Value.MaxPageSize}.");
        }

        if (assetClass is not null && !AssetClasses.All.Contains(assetClass))
        {
            return Problems.Invalid("assetClass", $"assetClass must be one of {string.Join(", ", AssetClasses.All)}.");
        }

        var items = await catalog.ListAsync(assetClass, cursor, size + 1, cancellationToken);
        return TypedResults.Ok(items.Count > size
            ? new Page<InstrumentReference>([.. items.Take(size)], items[size - 1].InstrumentId)
            : new Page<InstrumentReference>(items, null));
    }

    public static async Task<Results<Ok<IReadOnlyList<InstrumentBar>>, ValidationProblem>> GetBars(
        string instrumentId, DateTimeOffset? from, DateTimeOffset? to, RiskHistoryQuery history, TimeProvider time, CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-1);
        if (!PortfolioRules.IsInstrumentId(instrumentId))
        {
            return Problems.Invalid("instrumentId", "Not an instrument id.");
        }

        if (start >= end || end - start > TimeSpan.FromDays(31))
        {
            return Problems.Invalid("from", "from must be before to, at most 31 days apart.");
        }

        try
        {
            return TypedResults.Ok(await history.GetBarsAsync(instrumentId, start, end, cancellationToken));
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return TypedResults.Ok<IReadOnlyList<InstrumentBar>>([]);
        }
    }

    public static async Task<Results<Ok<PriceTick>, ProblemHttpResult>> GetLatestPrice(
        string instrumentId,
        LatestPriceCache cache)
    {
        if (!PortfolioRules.IsInstrumentId(instrumentId))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid instrument id",
                detail: "An instrument id is 1 to 64 characters of letters, digits and . _ - :");
        }

        return await cache.ReadAsync(instrumentId) is { } tick
            ? TypedResults.Ok(tick)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No price",
                detail: $"No price has been seen for instrument '{instrumentId}'.");
    }
}
