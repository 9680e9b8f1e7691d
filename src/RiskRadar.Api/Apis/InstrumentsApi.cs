using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RiskRadar.Api.Http;
using RiskRadar.Api.Portfolios;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Instruments;
using RiskRadar.Data.Instruments;
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
            .WithSummary("The instrument master, a page at a time, optionally of one asset class or kind");

        api.MapPost("/", CreateInstrument)
            .WithName("CreateInstrument")
            .WithSummary("Add an instrument to the master: spot, a contract (option, future, bond) or a market factor (curve pillar, volatility node)")
            .WithDescription("Terms are checked (an underlying must be a spot instrument of the master, an expiry or maturity must not have passed, a tenor is a count and D, W, M or Y). Ingestion publishes the new record to reference.instruments within seconds.")
            .RequireAuthorization(RiskRadarPolicies.Admin)
            .Accepts<InstrumentReference>("application/json");

        api.MapGet("/{instrumentId}", GetInstrument)
            .WithName("GetInstrument")
            .WithSummary("One instrument of the master, with its contract terms");

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
        string? assetClass, string? kind, int? limit, string? cursor, InstrumentMasterStore catalog, IOptions<PortfolioOptions> options, CancellationToken cancellationToken)
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

        if (kind is not null && !InstrumentKinds.All.Contains(kind))
        {
            return Problems.Invalid("kind", $"kind must be one of {string.Join(", ", InstrumentKinds.All)}.");
        }

        var items = await catalog.ListAsync(assetClass, kind, cursor, size + 1, cancellationToken);
        return TypedResults.Ok(items.Count > size
            ? new Page<InstrumentReference>([.. items.Take(size)], items[size - 1].InstrumentId)
            : new Page<InstrumentReference>(items, null));
    }

    public static async Task<Results<Created<InstrumentReference>, ValidationProblem, ProblemHttpResult>> CreateInstrument(
        HttpContext context, InstrumentMasterStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var (request, errors) = await JsonBody.ReadAsync(context.Request, ApiJsonContext.Default.InstrumentReference, cancellationToken);
        if (request is null)
        {
            return Problems.Invalid(errors!);
        }

        // The server numbers versions; a client's is ignored.
        var instrument = request with { Version = 1 };
        string[] underlyings = [.. new[] { instrument.Option?.Underlying, instrument.Future?.Underlying, instrument.Volatility?.Underlying }.OfType<string>()];
        var known = underlyings.Length == 0
            ? new Dictionary<string, InstrumentReference>()
            : (await store.GetAsync(underlyings, cancellationToken)).ToDictionary(i => i.InstrumentId, StringComparer.Ordinal);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var invalid = InstrumentRules.Validate(instrument, id => known.GetValueOrDefault(id), today);
        if (invalid.Count > 0)
        {
            return Problems.Invalid(invalid.ToDictionary());
        }

        return await store.CreateAsync(instrument, cancellationToken) switch
        {
            InstrumentCreation.Created => TypedResults.Created($"/v1/instruments/{Uri.EscapeDataString(instrument.InstrumentId)}", instrument),
            InstrumentCreation.IdTaken => Problems.Conflict("Instrument exists", $"The master already holds an instrument '{instrument.InstrumentId}'."),
            _ => Problems.Conflict("Symbol taken", $"Another instrument of the master has the symbol '{instrument.Symbol}'."),
        };
    }

    public static async Task<Results<Ok<InstrumentReference>, ProblemHttpResult>> GetInstrument(
        string instrumentId, InstrumentMasterStore store, CancellationToken cancellationToken) =>
        (await store.GetAsync([instrumentId], cancellationToken)).FirstOrDefault() is { } instrument
            ? TypedResults.Ok(instrument)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Instrument not found", detail: $"No instrument '{instrumentId}' in the master.");

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
