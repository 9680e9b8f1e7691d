using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RiskRadar.Gateway.Tests;

/// <summary>
/// A Kestrel app in the test process on loopback, playing two parts: an OIDC authority (discovery document and JWKS
/// with one RSA key) and an upstream that echoes what the gateway forwarded to it (method, path, headers).
/// </summary>
public sealed class TestUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-authority-key" };

    private TestUpstream(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The issuer of the authority's tokens (its own address, as discovery documents say).</summary>
    public string Authority => BaseAddress.ToString().TrimEnd('/');

    public static async Task<TestUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new TestUpstream(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new JsonObject
        {
            ["issuer"] = upstream.Authority,
            ["jwks_uri"] = upstream.Authority + "/jwks",
            ["authorization_endpoint"] = upstream.Authority + "/authorize",
            ["token_endpoint"] = upstream.Authority + "/token",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }));
        app.MapGet("/jwks", () =>
        {
            var parameters = upstream._key.Rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = upstream._key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                }),
            });
        });
        app.Map("/v1/{**rest}", (HttpRequest request) =>
        {
            var headers = new JsonObject();
            foreach (var (name, values) in request.Headers)
            {
                headers[name.ToLowerInvariant()] = values.ToString();
            }

            return Results.Json(new JsonObject { ["method"] = request.Method, ["path"] = request.Path.Value, ["headers"] = headers });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        upstream.BaseAddress = new Uri(address);
        return upstream;
    }

    /// <summary>An RS256 token as the authority would issue it, signed with its key or, to be refused, another one.</summary>
    public string Token(string role, string tenant, string subject = "oidc-user", bool foreignKey = false)
    {
        var key = foreignKey ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = _key.KeyId } : _key;
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = GatewayStack.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("tenant", tenant), new Claim("role", role)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }
}
