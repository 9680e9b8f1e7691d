namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>The enabled rules, indexed by tenant so that each aggregate is only checked against its own tenant's rules.</summary>
public sealed class AlertRuleSet
{
    private readonly Dictionary<string, AlertRule[]> _byTenant;

    public AlertRuleSet(IEnumerable<AlertRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _byTenant = rules.GroupBy(r => r.TenantId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        Count = _byTenant.Values.Sum(r => r.Length);
    }

    public static AlertRuleSet Empty { get; } = new([]);

    public int Count { get; }

    public IReadOnlyList<AlertRule> ForTenant(string tenantId) => _byTenant.TryGetValue(tenantId, out var rules) ? rules : [];
}
