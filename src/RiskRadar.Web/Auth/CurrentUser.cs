using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Web.Auth;

/// <summary>The signed-in user of this circuit (or request): who, which tenant, which roles, and the session's access token.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication, SessionStore sessions)
{
    public async Task<ClaimsPrincipal> GetPrincipalAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var user = await GetPrincipalAsync();
        return user.FindFirst(SessionUser.SessionClaim)?.Value is { } session
            ? await sessions.GetAccessTokenAsync(session, cancellationToken)
            : null;
    }

    /// <summary>
    /// Whether the user holds <paramref name="role"/> or a higher one. It only decides what the page offers: the
    /// gateway judges every call again.
    /// </summary>
    public static bool HasAtLeast(ClaimsPrincipal user, string role)
    {
        ArgumentNullException.ThrowIfNull(user);
        return RiskRadarRoles.AtLeast(role).Any(user.IsInRole);
    }
}
