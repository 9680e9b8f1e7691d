using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RiskRadar.Web.Tests;

/// <summary>
/// A small OpenID Connect authority on loopback: discovery, JWKS, an authorization endpoint that approves at once
/// (answering with the form post ASP.NET's handler asks for), a token endpoint that checks the PKCE verifier, and
/// revocation. Its access tokens carry the tenant and role claims the gateway expects.
/// </summary>
internal sealed class OidcAuthority : IAsyncDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, (string Challenge, string Nonce, string ClientId)> _codes = new();
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    public ConcurrentQueue<string> TokenGrants { get; } = new();

    public ConcurrentQueue<string> Revoked { get; } = new();

    /// <summary>Every token the authority handed out (access, id and refresh).</summary>
    public ConcurrentQueue<string> Issued { get; } = new();

    public static async Task<OidcAuthority> StartAsync()
    {
        var authority = new OidcAuthority();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        authority.Map(app);
        await app.StartAsync();
        authority._app = app;
        authority.Address = new Uri(app.Urls.First());
        return authority;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _rsa.Dispose();
    }

    private string Issuer => Address.ToString().TrimEnd('/');

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["revocation_endpoint"] = $"{Issuer}/revoke",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "k1" });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var query = request.Query;
            var code = Guid.NewGuid().ToString("N");
            _codes[code] = (query["code_challenge"].ToString(), query["nonce"].ToString(), query["client_id"].ToString());
            var fields = $"<input name=\"code\" value=\"{code}\"/><input name=\"state\" value=\"{System.Net.WebUtility.HtmlEncode(query["state"])}\"/>";
            return Results.Content($"<html><body><form method=\"post\" action=\"{System.Net.WebUtility.HtmlEncode(query["redirect_uri"])}\">{fields}</form></body></html>", "text/html");
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var grant = form["grant_type"].ToString();
            TokenGrants.Enqueue(grant);
            switch (grant)
            {
                case "authorization_code" when _codes.TryRemove(form["code"].ToString(), out var issued):
                    var verifier = form["code_verifier"].ToString();
                    var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
                    return challenge == issued.Challenge
                        ? Results.Json(Tokens(issued.ClientId, issued.Nonce))
                        : Results.Json(new { error = "invalid_grant" }, statusCode: 400);
                case "refresh_token" when form["refresh_token"].ToString().StartsWith("rt-", StringComparison.Ordinal):
                    return Results.Json(Tokens(form["client_id"].ToString(), nonce: null));
                default:
                    return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }
        });
        app.MapPost("/revoke", async (HttpRequest request) =>
        {
            Revoked.Enqueue((await request.ReadFormAsync())["token"].ToString());
            return Results.Ok();
        });
    }

    private JsonObject Tokens(string clientId, string? nonce)
    {
        var credentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256);
        var handler = new JsonWebTokenHandler();
        var now = DateTime.UtcNow;
        var idClaims = new Dictionary<string, object> { ["sub"] = "oidc-risk-manager", ["name"] = "oidc-risk-manager" };
        if (nonce is not null)
        {
            idClaims["nonce"] = nonce;
        }

        var idToken = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = clientId,
            Claims = idClaims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = credentials,
        });
        var accessToken = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = "riskradar-api",
            Claims = new Dictionary<string, object> { ["sub"] = "oidc-risk-manager", ["tenant"] = "acme", ["role"] = new[] { "risk-manager" } },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = credentials,
        });
        var refreshToken = $"rt-{Guid.NewGuid():N}";
        Issued.Enqueue(accessToken);
        Issued.Enqueue(idToken);
        Issued.Enqueue(refreshToken);
        return new JsonObject
        {
            ["access_token"] = accessToken,
            ["id_token"] = idToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["refresh_token"] = refreshToken,
        };
    }
}
