using System.Text.Json.Serialization;

namespace RiskRadar.Web.Auth;

/// <summary>An OAuth 2.0 token response (the gateway's <c>/auth/token</c> or an OIDC authority's token endpoint).</summary>
public sealed record IssuedTokens(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken);
