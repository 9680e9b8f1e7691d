using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RiskRadar.Gateway.Audit;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Gateway.Apis;

/// <summary>
/// The audit trail of the caller's tenant, for auditors (admins), served by the gateway that writes it. It sits
/// under <c>/v1</c> with the Api's routes; as an endpoint of the gateway it takes precedence over the proxy's routes.
/// </summary>
public static class AuditApi
{
    public static RouteHandlerBuilder MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/audit/events", GetEvents)
            .WithTags("Audit")
            .WithName("GetAuditEvents")
            .WithSummary("Audited requests of the tenant, newest first")
            .RequireAuthorization(RiskRadarPolicies.Admin)
            .RequireRateLimiting(RateLimiting.RateLimitExtensions.PerCallerPolicy);

    public static async Task<Results<Ok<IReadOnlyList<AuditRecord>>, ValidationProblem>> GetEvents(
        DateTimeOffset? from, DateTimeOffset? to, int? limit, ClaimsPrincipal user, AuditLog log, TimeProvider time, CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow().AddSeconds(1);
        var start = from ?? end.AddDays(-1);
        var size = limit ?? 100;
        var errors = new Dictionary<string, string[]>();
        if (size is < 1 or > 1_000)
        {
            errors["limit"] = ["limit is 1 to 1000."];
        }

        if (start >= end)
        {
            errors["from"] = ["from must be before to."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await log.QueryAsync(user.GetTenantId(), start, end, size, cancellationToken));
    }
}
