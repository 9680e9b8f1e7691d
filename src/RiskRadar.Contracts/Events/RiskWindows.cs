namespace RiskRadar.Contracts.Events;

/// <summary>
/// The window kinds the risk pipeline emits by default (<see cref="RiskAggregate.Window"/>) and the Api, alerts and
/// clients name: one definition, so a window added here is one every reader knows.
/// </summary>
public static class RiskWindows
{
    /// <summary>10 s tumbling.</summary>
    public const string TenSeconds = "10s";

    /// <summary>1 min hopping by 10 s.</summary>
    public const string OneMinute = "1m";

    /// <summary>The UTC day, tumbling: emitted once at midnight, its P&amp;L the day's.</summary>
    public const string Day = "1d";

    public static IReadOnlyList<Kind> Defaults { get; } =
    [
        new(TenSeconds, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)),
        new(OneMinute, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10)),
        new(Day, TimeSpan.FromDays(1), TimeSpan.FromDays(1)),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Defaults.Select(k => k.Name)];

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The names as a client reads them in an error: "10s, 1m or 1d".</summary>
    public static string Listed { get; } = string.Join(", ", Names.Take(Names.Count - 1)) + " or " + Names[^1];

    /// <summary>A window kind: tumbling when <paramref name="Advance"/> equals <paramref name="Size"/>, hopping otherwise.</summary>
    public sealed record Kind(string Name, TimeSpan Size, TimeSpan Advance);
}
