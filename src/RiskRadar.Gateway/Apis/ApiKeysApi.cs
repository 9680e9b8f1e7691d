using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RiskRadar.Gateway.ApiKeys;
using RiskRadar.Gateway.RateLimiting;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Gateway.Apis;

/// <summary>
/// API keys of the caller's tenant, managed by its admins. Only people manage keys: a key cannot mint or revoke
/// keys, so a leaked admin key cannot make itself permanent.
/// </summary>
public static class ApiKeysApi
{
    /// <summary>Admin role, and signed in with a token rather than a key.</summary>
    public const string ManagePolicy = "manage-api-keys";

    private const int MaxNameLength = 100;

    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/auth/api-keys")
            .WithTags("API keys")
            .RequireAuthorization(ManagePolicy)
            .RequireRateLimiting(RateLimitExtensions.PerCallerPolicy);
        api.MapPost("/", CreateKey).WithName("CreateApiKey").WithSummary("Create an API key; the key is in this response only");
        api.MapGet("/", ListKeys).WithName("ListApiKeys").WithSummary("The tenant's API keys (never the keys themselves)");
        api.MapGet("/{id:guid}", GetKey).WithName("GetApiKey").WithSummary("One of the tenant's API keys");
        api.MapDelete("/{id:guid}", RevokeKey).WithName("RevokeApiKey").WithSummary("Revoke an API key; it stops working at once");
        return api;
    }

    public static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> CreateKey(
        CreateApiKeyRequest request, ClaimsPrincipal user, ApiKeyStore keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            errors["name"] = [$"The name is required, at most {MaxNameLength} characters."];
        }

        if (request.Roles is not { Count: > 0 } roles || roles.Any(role => !RiskRadarRoles.Ordered.Contains(role)))
        {
            errors["roles"] = [$"At least one role, each one of {string.Join(", ", RiskRadarRoles.Ordered)}."];
        }

        if (request.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            errors["expiresAt"] = ["The expiry must be in the future."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = await keys.CreateAsync(
            user.GetTenantId(), name!, request.Roles!.Distinct().ToList(), user.GetSubject(), request.ExpiresAt, cancellationToken);
        return TypedResults.Created($"/auth/api-keys/{created.Id}", created);
    }

    public static async Task<Ok<IReadOnlyList<ApiKey>>> ListKeys(ClaimsPrincipal user, ApiKeyStore keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.ListAsync(user.GetTenantId(), cancellationToken));

    public static async Task<Results<Ok<ApiKey>, ProblemHttpResult>> GetKey(Guid id, ClaimsPrincipal user, ApiKeyStore keys, CancellationToken cancellationToken) =>
        await keys.GetAsync(user.GetTenantId(), id, cancellationToken) is { } key ? TypedResults.Ok(key) : NotFound(id);

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(Guid id, ClaimsPrincipal user, ApiKeyStore keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(user.GetTenantId(), id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such API key", detail: $"The tenant has no API key {id}.");
}
