using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace RiskRadar.Web.Auth;

/// <summary>
/// A circuit keeps the user it started with; this checks every half minute that the session behind it still exists,
/// so signing out in one tab (or a refused refresh) ends the others too.
/// </summary>
public sealed class SessionAuthenticationStateProvider(ILoggerFactory loggers, SessionStore sessions)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        Task.FromResult(IsActive(authenticationState.User, sessions));

    internal static bool IsActive(ClaimsPrincipal user, SessionStore sessions) =>
        user.FindFirst(SessionUser.SessionClaim)?.Value is { } session && sessions.IsActive(session);
}
