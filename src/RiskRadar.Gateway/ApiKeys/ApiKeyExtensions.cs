using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using RiskRadar.Gateway.Apis;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Gateway.ApiKeys;

public static class ApiKeyExtensions
{
    /// <summary>Picks the API-key handler when the request carries <c>X-Api-Key</c>, the bearer handler otherwise.</summary>
    public const string SelectorScheme = "BearerOrApiKey";

    /// <summary>
    /// Bearer tokens (the shared validation of <c>AddDefaultAuthentication</c>) and API keys side by side: a request is
    /// judged by the credential it presents, and a bad API key is a 401 even if a valid token came with it.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayAuthentication(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.Services.AddOptions<ApiKeyOptions>()
            .Bind(builder.Configuration.GetSection(ApiKeyOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<DownstreamTokenTransform>();

        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(SelectorScheme, "Bearer token or API key", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme);
        builder.Services.Configure<AuthenticationOptions>(options => options.DefaultScheme = SelectorScheme);

        builder.Services.AddOptions<AuthorizationOptions>().Configure<IOptions<TokenValidationOptions>>((authorization, validation) =>
            authorization.AddPolicy(ApiKeysApi.ManagePolicy, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.FindFirst(validation.Value.TenantClaim)?.Value is { Length: > 0 })
                .RequireRole(RiskRadarRoles.AtLeast(RiskRadarRoles.Admin))
                .RequireAssertion(context => !context.User.HasClaim(c => c.Type == RiskRadarClaims.ApiKeyId))));
        return builder;
    }
}
