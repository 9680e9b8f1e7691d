using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Web.Auth;

/// <summary>Who a session belongs to, as the access token says; the cookie carries these claims and the session id.</summary>
public sealed record SessionUser(string Username, string Tenant, IReadOnlyList<string> Roles)
{
    public const string SessionClaim = "riskradar_session";

    /// <summary>
    /// The token is read, not validated: it came straight from the token endpoint over our own connection, and the
    /// gateway validates it on every call. The dashboard only uses these claims to shape what it shows.
    /// </summary>
    public static SessionUser FromAccessToken(string accessToken)
    {
        var token = new JsonWebTokenHandler().ReadJsonWebToken(accessToken);
        var username = token.TryGetPayloadValue<string>(RiskRadarClaims.Subject, out var sub) ? sub : "";
        var tenant = token.TryGetPayloadValue<string>(RiskRadarClaims.Tenant, out var t) ? t : "";
        var roles = token.Claims.Where(c => c.Type == RiskRadarClaims.Role).Select(c => c.Value).ToArray();
        return new SessionUser(username, tenant, roles);
    }

    public ClaimsPrincipal ToPrincipal(string sessionId, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, Username),
            new(RiskRadarClaims.Tenant, Tenant),
            new(SessionClaim, sessionId),
        };
        claims.AddRange(Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}
