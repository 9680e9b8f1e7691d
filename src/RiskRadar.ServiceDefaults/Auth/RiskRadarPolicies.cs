using Microsoft.AspNetCore.Authorization;

namespace RiskRadar.ServiceDefaults.Auth;

/// <summary>
/// Authorization policies shared by the gateway (per proxied route) and the Api (per endpoint), so a request the
/// gateway lets through is judged the same way again behind it. A policy is named after the least role it needs.
/// </summary>
public static class RiskRadarPolicies
{
    public const string Viewer = RiskRadarRoles.Viewer;
    public const string Analyst = RiskRadarRoles.Analyst;
    public const string RiskManager = RiskRadarRoles.RiskManager;
    public const string Admin = RiskRadarRoles.Admin;

    public static void AddRiskRadarPolicies(this AuthorizationOptions options, string tenantClaim)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Every route works inside one tenant: a token without one is of no use to it.
        // An empty tenant is no tenant (RequireClaim alone would accept it).
        var authenticated = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.FindFirst(tenantClaim)?.Value is { Length: > 0 })
            .Build();
        options.DefaultPolicy = authenticated;
        options.FallbackPolicy = authenticated;
        foreach (var role in RiskRadarRoles.Ordered)
        {
            options.AddPolicy(role, policy => policy.Combine(authenticated).RequireRole(RiskRadarRoles.AtLeast(role)));
        }
    }
}
