using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Gateway.Security;

/// <summary>Edge limits and browser access, bound from <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Largest request body let through; the Api's own limit (4 MiB) is higher, so the gateway answers first.</summary>
    [Range(1_024, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Browser origins allowed to call the API (CORS); none by default, since API clients are not browsers.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
