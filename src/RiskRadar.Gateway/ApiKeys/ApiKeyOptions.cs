using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Gateway.ApiKeys;

/// <summary>API-key authentication for machine clients, bound from <c>ApiKeys</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "ApiKeys";

    /// <summary>
    /// How long a checked key is trusted before the table is read again. A revocation through this gateway takes effect
    /// at once; one made through another replica (or directly in the table) within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime of the token the gateway mints for the Api on behalf of a key; it never leaves the cluster.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan DownstreamTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
