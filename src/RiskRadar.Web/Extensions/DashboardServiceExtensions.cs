using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using RiskRadar.Web.Auth;
using RiskRadar.Web.Gateway;
using RiskRadar.Web.Live;

namespace RiskRadar.Web.Extensions;

public static class DashboardServiceExtensions
{
    public static IHostApplicationBuilder AddDashboardServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebOptions>()
            .Bind(builder.Configuration.GetSection(WebOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.AddSignIn();
        builder.AddGatewayClients();
        return builder;
    }

    private static IHostApplicationBuilder AddSignIn(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();

        var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
            {
                cookie.Cookie.Name = "riskradar.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/login";
                cookie.LogoutPath = "/account/logout";
                cookie.AccessDeniedPath = "/not-allowed";
                cookie.SlidingExpiration = false;
                cookie.Events.OnValidatePrincipal = SessionCookieEvents.ValidateAsync;
            });
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<WebOptions>>((cookie, web) => cookie.ExpireTimeSpan = web.Value.SessionLifetime);
        builder.AddOidcSignIn(authentication);
        builder.Services.AddAuthorization();
        return builder;
    }

    private static IHostApplicationBuilder AddGatewayClients(this IHostApplicationBuilder builder)
    {
        var gateway = new Uri(builder.Configuration[$"{WebOptions.SectionName}:{nameof(WebOptions.Gateway)}"] ?? new WebOptions().Gateway);
        builder.Services.AddHttpClient<GatewayClient>(http => http.BaseAddress = gateway);
        builder.Services.AddHttpClient<TokenEndpointClient>(http => http.BaseAddress = gateway);
        // Every client of the dashboard calls the gateway: writes are not repeated, since a retried upload that had
        // reached the Api would be applied (and audited) twice. (The defaults' pipeline is named per client, hence All.)
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(options => options.Retry.DisableForUnsafeHttpMethods());

        builder.Services.AddSingleton<GatewayWebSocketAddress>();
        builder.Services.AddScoped<LiveRiskFeed>();
        return builder;
    }
}
