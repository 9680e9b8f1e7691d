namespace RiskRadar.Api.Risk;

/// <summary>
/// Named hypothetical scenarios that any stress request may name (<c>{"named": "equity -20%"}</c>), bound from
/// <c>Stress:Library</c>: <c>Default</c> for every tenant, and <c>Tenants:&lt;tenant&gt;</c> adding to (or replacing by
/// name) the defaults for one tenant.
/// </summary>
public sealed class StressLibraryOptions
{
    public const string SectionName = "Stress:Library";

    public List<NamedStressScenario> Default { get; set; } = [];

    public Dictionary<string, List<NamedStressScenario>> Tenants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The tenant's library: the defaults, with the tenant's own scenarios added or replacing them by name.</summary>
    public IReadOnlyList<NamedStressScenario> For(string tenantId)
    {
        var library = Default.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var scenario in Tenants.GetValueOrDefault(tenantId) ?? [])
        {
            library[scenario.Name] = scenario;
        }

        return [.. library.Values.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Every configured scenario's problems, worded for the operator; empty when all parse.</summary>
    public IEnumerable<string> Problems() =>
        Default.Concat(Tenants.Values.SelectMany(v => v)).SelectMany(s =>
            string.IsNullOrWhiteSpace(s.Name) ? ["A library scenario has no name."]
            : s.Shocks.Count == 0 ? [$"Library scenario '{s.Name}' has no shocks."]
            : s.Shocks.Select(item => StressShocks.TryParse(item, new ParsedShocks(), out var error) ? null : $"Library scenario '{s.Name}': {error}").OfType<string>());
}

public sealed class NamedStressScenario
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public List<ShockItem> Shocks { get; set; } = [];
}
