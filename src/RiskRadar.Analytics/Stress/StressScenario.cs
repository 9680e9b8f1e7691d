namespace RiskRadar.Analytics.Stress;

/// <summary>A named set of shocks applied together.</summary>
public sealed record StressScenario
{
    public StressScenario(string name, IReadOnlyList<Shock> shocks)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shocks);
        HashSet<(ShockTarget, string)> seen = [];
        foreach (Shock s in shocks)
        {
            if (!seen.Add((s.Target, s.Name)))
            {
                throw new ArgumentException($"Scenario '{name}' shocks {s.Target} '{s.Name}' more than once.", nameof(shocks));
            }
        }

        Name = name;
        Shocks = [.. shocks];
    }

    public string Name { get; }

    public IReadOnlyList<Shock> Shocks { get; }
}
