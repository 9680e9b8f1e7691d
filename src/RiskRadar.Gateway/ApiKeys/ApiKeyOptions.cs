using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Gateway.ApiKeys;

/// <summary>API-key authentication for machine clients, bound from <c>ApiKeys</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "ApiKeys";

    /// <summary>Lifetime of the token the gateway signs for the Api on behalf of a key; it never leaves the cluster.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan DownstreamTokenLifetime { get; set; } = TimeSpan.FromMinutes(2);
}
