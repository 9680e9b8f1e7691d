using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Gateway.Auth;

/// <summary>Issues signed access tokens for configured users.</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, IOptions<TokenValidationOptions> validation, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public IssuedToken Issue(GatewayUser user, string? refreshToken)
    {
        var settings = options.Value;
        var keys = validation.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(RiskRadarClaims.Subject, user.Username),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new(RiskRadarClaims.Tenant, user.TenantId),
        };
        claims.AddRange(user.Roles.Select(role => new Claim(RiskRadarClaims.Role, role)));

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = keys.Issuer,
            Audience = keys.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            SigningCredentials = new SigningCredentials(AuthenticationExtensions.LocalSigningKey(keys), SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, "Bearer", (int)settings.AccessTokenLifetime.TotalSeconds, refreshToken);
    }
}

public sealed record IssuedToken(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
    [property: System.Text.Json.Serialization.JsonPropertyName("refresh_token")] string? RefreshToken);
