using System.Net.Http.Json;
using RiskRadar.Web.Gateway;

namespace RiskRadar.Web.Auth;

/// <summary>
/// The OAuth 2.0 calls a session needs: password sign-in, refresh and revocation. Local sign-in goes to the gateway's
/// <c>/auth/token</c>; with an OIDC authority, refresh and revocation go to the endpoints its discovery document names.
/// </summary>
public sealed class TokenEndpointClient(HttpClient http)
{
    public Task<ApiResult<IssuedTokens>> SignInAsync(string username, string password, CancellationToken cancellationToken) =>
        PostAsync(new Uri("/auth/token", UriKind.Relative), new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = username,
            ["password"] = password,
        }, cancellationToken);

    public Task<ApiResult<IssuedTokens>> RefreshAsync(TokenEndpoints endpoints, string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
        endpoints.AddClient(form);
        return PostAsync(endpoints.Token, form, cancellationToken);
    }

    /// <summary>Best effort: a failed revocation is logged by the caller, and the session ends here regardless.</summary>
    public async Task<bool> RevokeAsync(TokenEndpoints endpoints, string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.Revocation is null)
        {
            return false;
        }

        // RFC 7009 names the field "token"; the gateway's endpoint takes "refresh_token". Both are sent.
        var form = new Dictionary<string, string> { ["token"] = refreshToken, ["refresh_token"] = refreshToken, ["token_type_hint"] = "refresh_token" };
        endpoints.AddClient(form);
        using var response = await http.PostAsync(endpoints.Revocation, new FormUrlEncodedContent(form), cancellationToken);
        return response.IsSuccessStatusCode;
    }

    private async Task<ApiResult<IssuedTokens>> PostAsync(Uri endpoint, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(endpoint, new FormUrlEncodedContent(form), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return await ApiProblem.ReadAsync(response, cancellationToken);
        }

        var tokens = await response.Content.ReadFromJsonAsync(WebJsonContext.Default.IssuedTokens, cancellationToken);
        return tokens is { AccessToken.Length: > 0 } ? tokens : ApiProblem.Unreadable((int)response.StatusCode);
    }
}

/// <summary>Where a session's tokens are refreshed and revoked, and the client credentials those calls carry.</summary>
public sealed record TokenEndpoints(Uri Token, Uri? Revocation, string? ClientId = null, string? ClientSecret = null)
{
    /// <summary>The gateway's own endpoints (relative to the gateway client's base address).</summary>
    public static TokenEndpoints Gateway { get; } = new(new Uri("/auth/token", UriKind.Relative), new Uri("/auth/revoke", UriKind.Relative));

    internal void AddClient(Dictionary<string, string> form)
    {
        if (ClientId is not null)
        {
            form["client_id"] = ClientId;
        }

        if (ClientSecret is not null)
        {
            form["client_secret"] = ClientSecret;
        }
    }
}
