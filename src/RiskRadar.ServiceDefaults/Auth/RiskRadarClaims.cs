using System.Security.Claims;

namespace RiskRadar.ServiceDefaults.Auth;

/// <summary>Claim names of RiskRadar tokens and how to read them.</summary>
public static class RiskRadarClaims
{
    public const string Subject = "sub";
    public const string Tenant = "tenant";
    public const string Role = "role";

    /// <summary>Set on tokens the gateway mints for API-key callers, naming the key.</summary>
    public const string ApiKeyId = "api_key_id";

    /// <summary>The caller's tenant; authenticated principals without one are refused by the default policy.</summary>
    public static string GetTenantId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirst(Tenant)?.Value is { Length: > 0 } tenant
            ? tenant
            : throw new InvalidOperationException("The principal has no tenant claim.");
    }

    public static string GetSubject(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirst(Subject)?.Value ?? principal.Identity?.Name ?? "anonymous";
    }
}
