using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Gateway.ApiKeys;

/// <summary>
/// Short-lived tokens the gateway signs for API-key callers, so the Api validates one kind of credential only and
/// never sees the key. One token per key is reused until a fifth of its lifetime is left.
/// </summary>
public sealed class DownstreamTokens(IOptions<TokenValidationOptions> validation, IOptionsMonitor<ApiKeyOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset RenewAfter)> _tokens = new();

    /// <summary>The bearer token standing for the API-key principal <paramref name="user"/>.</summary>
    public string For(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var settings = validation.Value;
        if (!settings.HasLocalKey)
        {
            throw new InvalidOperationException("API keys need Auth:SigningKey: the Api must be able to validate the gateway's tokens.");
        }

        var keyId = user.FindFirst(RiskRadarClaims.ApiKeyId)?.Value ?? throw new InvalidOperationException("Not an API-key principal.");
        var now = time.GetUtcNow();
        if (_tokens.TryGetValue(keyId, out var cached) && cached.RenewAfter > now)
        {
            return cached.Token;
        }

        var lifetime = options.CurrentValue.DownstreamTokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(user.Claims.Select(c => new Claim(c.Type, c.Value))),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(AuthenticationExtensions.LocalSigningKey(settings), SecurityAlgorithms.HmacSha256),
        });
        _tokens[keyId] = (token, now + (lifetime * 0.8));
        return token;
    }
}
