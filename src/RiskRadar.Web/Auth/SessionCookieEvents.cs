using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace RiskRadar.Web.Auth;

public static class SessionCookieEvents
{
    /// <summary>A cookie whose session is gone (signed out, expired, dashboard restarted) signs nobody in.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        if (context.Principal is null || !SessionAuthenticationStateProvider.IsActive(context.Principal, sessions))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
