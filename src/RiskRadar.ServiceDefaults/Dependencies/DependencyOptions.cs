using System.ComponentModel.DataAnnotations;

namespace RiskRadar.ServiceDefaults.Dependencies;

/// <summary>
/// How long a request waits for PostgreSQL or Redis before it is answered 503, bound from <c>Dependencies</c>.
/// Well under the gateway's forwarding timeout, so a hung server costs a client seconds, not a hung request.
/// </summary>
public sealed class DependencyOptions
{
    public const string SectionName = "Dependencies";

    /// <summary>Per database command; per cache command and connection attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Per new database connection (whole seconds). Npgsql also opens one to ask a timed-out server to cancel, so a
    /// hung database costs a request at most <see cref="Timeout"/> + 2 × this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The <c>Retry-After</c> a client is given when a dependency did not answer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
