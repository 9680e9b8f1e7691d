using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiskRadar.ServiceDefaults.Auth;
using Yarp.ReverseProxy.Transforms;

namespace RiskRadar.Gateway.ApiKeys;

/// <summary>
/// The Api only takes bearer tokens: a request authenticated by API key goes on with a short-lived token the gateway
/// signs for the key's identity, and without the key itself (the Api never needs to see it). API keys therefore need
/// <c>Auth:SigningKey</c> on both sides, also where users' tokens come from an OIDC authority.
/// </summary>
public sealed class DownstreamTokenTransform(IOptions<TokenValidationOptions> validation, IOptionsMonitor<ApiKeyOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public ValueTask ApplyAsync(RequestTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ProxyRequest.Headers.Remove(ApiKeyAuthenticationHandler.HeaderName);
        var user = context.HttpContext.User;
        // Only callers the API-key handler authenticated: a bearer token passes through as the client sent it.
        if (user.Identity?.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName || !validation.Value.HasLocalKey)
        {
            return ValueTask.CompletedTask;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = validation.Value.Issuer,
            Audience = validation.Value.Audience,
            Subject = new ClaimsIdentity(user.Claims.Select(c => new Claim(c.Type, c.Value))),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.CurrentValue.DownstreamTokenLifetime,
            SigningCredentials = new SigningCredentials(AuthenticationExtensions.LocalSigningKey(validation.Value), SecurityAlgorithms.HmacSha256),
        });
        context.ProxyRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return ValueTask.CompletedTask;
    }
}
