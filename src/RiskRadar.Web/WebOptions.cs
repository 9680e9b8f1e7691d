using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Web;

/// <summary>The dashboard's settings, bound from the <c>Web</c> section.</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>The gateway, the only service the dashboard talks to (a service-discovery name under Aspire).</summary>
    [Required]
    public string Gateway { get; set; } = "https+http://gateway";

    /// <summary>A live figure older than this is shown as stale.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a sign-in lasts at most (the gateway's refresh-token lifetime ends it sooner).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>An access token this close to expiry is refreshed before it is used.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(1);
}
