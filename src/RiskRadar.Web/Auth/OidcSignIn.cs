using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace RiskRadar.Web.Auth;

/// <summary>The <c>Auth</c> section: with an <see cref="Authority"/>, people sign in at the organisation's OIDC provider.</summary>
public sealed class OidcOptions
{
    public const string SectionName = "Auth";

    public string? Authority { get; set; }

    [Required]
    public string ClientId { get; set; } = "riskradar-web";

    /// <summary>From a secret store (never in appsettings); absent for a public client using PKCE alone.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Requested scopes besides openid; offline_access gives the refresh token sessions need.</summary>
    public List<string> Scopes { get; set; } = ["profile", "offline_access"];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

public static class OidcSignIn
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>
    /// Code flow with PKCE. The authority's tokens go into the server-side <see cref="SessionStore"/> (refreshed and
    /// revoked at its own endpoints), and the cookie gets the same claims as a local sign-in, read from the access
    /// token the gateway will validate: the authority must issue the tenant and role claims the gateway expects.
    /// </summary>
    public static IHostApplicationBuilder AddOidcSignIn(this IHostApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        var settings = builder.Configuration.GetSection(OidcOptions.SectionName).Get<OidcOptions>() ?? new OidcOptions();
        builder.Services.AddOptions<OidcOptions>().Bind(builder.Configuration.GetSection(OidcOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (!settings.Enabled)
        {
            return builder;
        }

        authentication.AddOpenIdConnect(Scheme, oidc =>
        {
            oidc.Authority = settings.Authority;
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = settings.ClientSecret;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            oidc.SaveTokens = false;
            oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            oidc.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
            foreach (var scope in settings.Scopes)
            {
                oidc.Scope.Add(scope);
            }

            oidc.Events.OnTokenValidated = async context =>
            {
                var response = context.TokenEndpointResponse;
                if (response?.AccessToken is not { Length: > 0 } accessToken)
                {
                    context.Fail("The authority issued no access token.");
                    return;
                }

                var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
                var endpoints = new TokenEndpoints(
                    new Uri(configuration.TokenEndpoint),
                    configuration.AdditionalData.TryGetValue("revocation_endpoint", out var revocation) && revocation is string r ? new Uri(r) : null,
                    settings.ClientId,
                    settings.ClientSecret);
                var expiresIn = int.TryParse(response.ExpiresIn, out var seconds) ? seconds : 300;
                var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
                var sessionId = sessions.Start(new IssuedTokens(accessToken, expiresIn, response.RefreshToken), endpoints);
                context.Principal = SessionUser.FromAccessToken(accessToken).ToPrincipal(sessionId, Scheme);
            };
        });
        return builder;
    }
}
