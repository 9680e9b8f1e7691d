using System.ComponentModel.DataAnnotations;

namespace RiskRadar.ServiceDefaults.Dependencies;

/// <summary>
/// How long a request waits for PostgreSQL or Redis before it is answered 503, bound from <c>Dependencies</c>.
/// Well under the gateway's forwarding timeout, so a hung server costs a client seconds, not a hung request.
/// </summary>
public sealed class DependencyOptions
{
    public const string SectionName = "Dependencies";

    /// <summary>Per database command and per connection attempt; per cache command.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The <c>Retry-After</c> a client is given when a dependency did not answer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
