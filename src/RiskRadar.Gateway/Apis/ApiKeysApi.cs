using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RiskRadar.Gateway.ApiKeys;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Gateway.Apis;

/// <summary>
/// API keys of the admin's tenant: created (the key is shown once), listed, revoked. Only people manage keys: a key
/// cannot mint or revoke keys, so a leaked admin key cannot make itself permanent.
/// </summary>
public static class ApiKeysApi
{
    /// <summary>Admin role, signed in with a token rather than a key.</summary>
    public const string ManagePolicy = "manage-api-keys";

    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/auth/api-keys").WithTags("Authentication")
            .RequireAuthorization(ManagePolicy)
            .RequireRateLimiting(RateLimiting.RateLimitExtensions.PerCallerPolicy);
        api.MapPost("/", Create).WithName("CreateApiKey").WithSummary("Create an API key for a machine client; the key is in this answer only");
        api.MapGet("/", List).WithName("ListApiKeys").WithSummary("The tenant's API keys (never the keys themselves)");
        api.MapGet("/{keyId}", Get).WithName("GetApiKey").WithSummary("One of the tenant's API keys");
        api.MapDelete("/{keyId}", Revoke).WithName("RevokeApiKey").WithSummary("Revoke an API key at once");
        return api;
    }

    public static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> Create(
        ApiKeyRequest? request, ClaimsPrincipal user, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.Name) || request.Name.Length > 100)
        {
            errors["name"] = ["A name of 1 to 100 characters says whose key it is."];
        }

        if (request?.Roles is not { Count: > 0 } roles || roles.Any(r => !RiskRadarRoles.Ordered.Contains(r)))
        {
            errors["roles"] = [$"roles is a non-empty list of {string.Join(", ", RiskRadarRoles.Ordered)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (info, key) = await keys.CreateAsync(user.GetTenantId(), request!.Name!.Trim(), request.Roles!.Distinct().ToList(), user.GetSubject(), cancellationToken);
        return TypedResults.Created($"/auth/api-keys/{info.Id}", new CreatedApiKey(info.Id, info.Name, info.Roles, key));
    }

    public static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> List(ClaimsPrincipal user, ApiKeyStore keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.ListAsync(user.GetTenantId(), cancellationToken));

    public static async Task<Results<Ok<ApiKeyInfo>, ProblemHttpResult>> Get(string keyId, ClaimsPrincipal user, ApiKeyStore keys, CancellationToken cancellationToken) =>
        await keys.GetAsync(user.GetTenantId(), keyId, cancellationToken) is { } key ? TypedResults.Ok(key) : NotFound(keyId);

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string keyId, ClaimsPrincipal user, ApiKeyStore keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(user.GetTenantId(), keyId, cancellationToken) ? TypedResults.NoContent() : NotFound(keyId);

    private static ProblemHttpResult NotFound(string keyId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "API key not found", detail: $"No active API key '{keyId}' in your tenant.");
}

public sealed record ApiKeyRequest(string? Name, List<string>? Roles);

public sealed record CreatedApiKey(string Id, string Name, IReadOnlyList<string> Roles, string Key);
