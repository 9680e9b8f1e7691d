using Microsoft.AspNetCore.Http.HttpResults;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using StackExchange.Redis;

namespace RiskRadar.Api.Apis;

public static class InstrumentsApi
{
    public static RouteGroupBuilder MapInstrumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/instruments").WithTags("Instruments");

        api.MapGet("/{instrumentId}/price", GetLatestPrice)
            .WithName("GetLatestPrice")
            .WithSummary("Latest price of an instrument")
            .WithDescription("The newest tick the stream processor has seen for the instrument, from the cache.");

        return api;
    }

    public static async Task<Results<Ok<PriceTick>, ProblemHttpResult>> GetLatestPrice(
        string instrumentId,
        IConnectionMultiplexer redis)
    {
        if (instrumentId.Length is 0 or > 64 || instrumentId.Any(char.IsControl))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid instrument id",
                detail: "instrumentId must be 1 to 64 printable characters.");
        }

        var value = await redis.GetDatabase().StringGetAsync(CacheKeys.LatestPrice(instrumentId));
        if (value.IsNullOrEmpty)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No price",
                detail: $"No price has been seen for instrument '{instrumentId}'.");
        }

        return TypedResults.Ok(EventSerializers.PriceTick.Deserialize((byte[])value!, isNull: false, default));
    }
}
