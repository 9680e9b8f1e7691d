using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RiskRadar.Gateway.Auth;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Gateway.Apis;

/// <summary>
/// The built-in token endpoint for local use, in OAuth 2.0 shape: <c>grant_type=password</c> or
/// <c>grant_type=refresh_token</c>, as a form or as JSON. Deployments with an OIDC authority may leave it unused.
/// </summary>
public static class TokenApi
{
    public const string RateLimitPolicy = RateLimiting.RateLimitExtensions.TokenEndpointPolicy;

    public static RouteGroupBuilder MapTokenApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/auth").WithTags("Authentication").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        api.MapPost("/token", IssueToken)
            .WithName("IssueToken")
            .WithSummary("Exchange a username and password, or a refresh token, for a bearer token and a new refresh token");
        api.MapPost("/revoke", Revoke)
            .WithName("RevokeToken")
            .WithSummary("Log out: revoke a refresh token and every token rotated from the same login");
        return api;
    }

    public static async Task<Results<Ok<IssuedToken>, ProblemHttpResult, ValidationProblem>> IssueToken(
        HttpRequest http,
        UserDirectory users,
        RefreshTokens refreshTokens,
        TokenIssuer issuer,
        IOptions<TokenValidationOptions> validation,
        CancellationToken cancellationToken)
    {
        if (!validation.Value.HasLocalKey)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Local tokens disabled",
                detail: "This deployment takes tokens from its OIDC authority only.");
        }

        var request = await ReadAsync(http, cancellationToken);
        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["Send a form or a JSON object."] });
        }

        switch (request.GrantType ?? "password")
        {
            case "password":
                var errors = new Dictionary<string, string[]>();
                if (string.IsNullOrWhiteSpace(request.Username))
                {
                    errors["username"] = ["The username is required."];
                }

                if (string.IsNullOrEmpty(request.Password))
                {
                    errors["password"] = ["The password is required."];
                }

                if (errors.Count > 0)
                {
                    return TypedResults.ValidationProblem(errors);
                }

                var user = await users.AuthenticateAsync(request.Username!, request.Password!, cancellationToken);
                return user is null
                    ? InvalidGrant("The username or password is wrong.")
                    : TypedResults.Ok(issuer.Issue(Audited(http, user), await refreshTokens.IssueAsync(user.Username, family: null, cancellationToken)));

            case "refresh_token":
                if (string.IsNullOrEmpty(request.RefreshToken))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refresh_token"] = ["The refresh token is required."] });
                }

                var redeemed = await refreshTokens.RedeemAsync(request.RefreshToken, cancellationToken);
                var owner = redeemed is { } r ? await users.FindEnabledAsync(r.Username, cancellationToken) : null;
                return owner is null
                    ? InvalidGrant("The refresh token is unknown, expired, revoked or already used.")
                    : TypedResults.Ok(issuer.Issue(Audited(http, owner), await refreshTokens.IssueAsync(owner.Username, redeemed!.Value.Family, cancellationToken)));

            default:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["grant_type"] = ["grant_type must be password or refresh_token."] });
        }
    }

    public static async Task<Results<NoContent, ValidationProblem>> Revoke(HttpRequest http, RefreshTokens refreshTokens, CancellationToken cancellationToken)
    {
        var request = await ReadAsync(http, cancellationToken);
        if (string.IsNullOrEmpty(request?.RefreshToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refresh_token"] = ["The refresh token is required."] });
        }

        // RFC 7009: the answer is the same whether or not the token existed.
        await refreshTokens.RevokeAsync(request.RefreshToken, cancellationToken);
        return TypedResults.NoContent();
    }

    // Failed attempts stay anonymous in the audit trail: what was typed as a username is sometimes a password.
    private static GatewayUser Audited(HttpRequest http, GatewayUser user)
    {
        http.HttpContext.Items[Audit.AuditMiddleware.ActorItem] = user.Username;
        http.HttpContext.Items[Audit.AuditMiddleware.TenantItem] = user.TenantId;
        return user;
    }

    private static ProblemHttpResult InvalidGrant(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid credentials", detail: detail,
            extensions: new Dictionary<string, object?> { ["error"] = "invalid_grant" });

    private static async Task<TokenRequest?> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(cancellationToken);
            return new TokenRequest(form["grant_type"], form["username"], form["password"], form["refresh_token"]);
        }

        if (!http.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(http.Body, GatewayJsonContext.Default.TokenRequest, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record TokenRequest(
    [property: JsonPropertyName("grant_type")] string? GrantType,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken);
