namespace RiskRadar.ServiceDefaults.Auth;

/// <summary>
/// The roles, each including the ones before it: viewers read, analysts also run calculations, risk managers also
/// change portfolios and alert rules, admins also manage webhook targets, API keys and users.
/// </summary>
public static class RiskRadarRoles
{
    public const string Viewer = "viewer";
    public const string Analyst = "analyst";
    public const string RiskManager = "risk-manager";
    public const string Admin = "admin";

    public static IReadOnlyList<string> Ordered { get; } = [Viewer, Analyst, RiskManager, Admin];

    /// <summary>The roles that grant at least <paramref name="role"/>.</summary>
    public static IReadOnlyList<string> AtLeast(string role)
    {
        var index = Ordered.ToList().IndexOf(role);
        return index < 0 ? throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.") : Ordered.Skip(index).ToList();
    }
}
