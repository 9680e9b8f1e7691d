namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>An alert rule seeded from configuration (see <see cref="AlertRule"/>).</summary>
public sealed class AlertRuleOptions
{
    public string RuleId { get; set; } = "";

    public string TenantId { get; set; } = "";

    public string? PortfolioId { get; set; }

    public string Metric { get; set; } = "";

    public double Threshold { get; set; }

    public string? Window { get; set; }

    public string? WebhookTargetId { get; set; }

    public bool Enabled { get; set; } = true;
}
