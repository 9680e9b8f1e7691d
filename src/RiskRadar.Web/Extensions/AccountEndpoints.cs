using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RiskRadar.Web.Auth;

namespace RiskRadar.Web.Extensions;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        // A form post (with the antiforgery token every form of the dashboard carries), so no link can sign anyone out.
        account.MapPost("/logout", SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        account.MapGet("/login-oidc", (string? returnUrl, IOptions<OidcOptions> oidc) => oidc.Value.Enabled
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [OidcSignIn.Scheme])
            : Results.NotFound());
        return app;
    }

    /// <summary>Only a path of this site: a return URL must never send a person signing in somewhere else.</summary>
    public static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext context, SessionStore sessions)
    {
        if (context.User.FindFirst(SessionUser.SessionClaim)?.Value is { } session)
        {
            await sessions.EndAsync(session, context.RequestAborted);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/login");
    }
}
