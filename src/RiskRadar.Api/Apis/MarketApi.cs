using Microsoft.AspNetCore.Http.HttpResults;
using RiskRadar.Api.Http;
using RiskRadar.Api.Market;
using RiskRadar.Contracts.Instruments;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Api.Apis;

public static class MarketApi
{
    public static RouteGroupBuilder MapMarketApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/market").WithTags("Market").RequireAuthorization(RiskRadarPolicies.Viewer);

        api.MapGet("/curves/{currency}", GetCurve)
            .WithName("GetCurve")
            .WithSummary("A currency's zero curve: each pillar's zero rate and discount factor, live or at the last daily close")
            .WithDescription("Continuously compounded zero rates, ACT/365F; between pillars a curve is linear in the zero rate and flat outside them (docs/analytics.md).");

        api.MapGet("/volatility/{underlying}", GetSurface)
            .WithName("GetVolatilitySurface")
            .WithSummary("An underlying's implied-volatility nodes, live or at the last daily close");

        return api;
    }

    public static async Task<Results<Ok<CurveResponse>, ValidationProblem, ProblemHttpResult>> GetCurve(
        string currency, MarketFactors factors, CancellationToken cancellationToken)
    {
        if (!InstrumentRules.IsCurrency(currency))
        {
            return Problems.Invalid("currency", "A curve is named by its currency: an ISO 4217 code of three capital letters, e.g. USD.");
        }

        return await factors.CurveAsync(currency, cancellationToken) is { } curve
            ? TypedResults.Ok(curve)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No curve",
                detail: $"The instrument master has no zero-curve pillar of {currency}; an admin adds them with POST /v1/instruments (kind Rate).");
    }

    public static async Task<Results<Ok<VolatilitySurfaceResponse>, ValidationProblem, ProblemHttpResult>> GetSurface(
        string underlying, MarketFactors factors, CancellationToken cancellationToken)
    {
        if (!InstrumentRules.IsInstrumentId(underlying))
        {
            return Problems.Invalid("underlying", $"An instrument id is 1 to {InstrumentRules.MaxIdLength} characters of letters, digits and . _ - :");
        }

        return await factors.SurfaceAsync(underlying, cancellationToken) is { } surface
            ? TypedResults.Ok(surface)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No volatility surface",
                detail: $"The instrument master has no implied-volatility node of '{underlying}'; an admin adds them with POST /v1/instruments (kind Volatility).");
    }
}
