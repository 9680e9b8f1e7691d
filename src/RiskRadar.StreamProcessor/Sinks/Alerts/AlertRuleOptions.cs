namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>An alert rule seeded from configuration (see <see cref="AlertRule"/>).</summary>
public sealed class AlertRuleOptions
{
    public string RuleId { get; set; } = "";

    public string TenantId { get; set; } = "";

    public string? PortfolioId { get; set; }

    public string Metric { get; set; } = "";

    public double Threshold { get; set; }

    /// <summary>A window kind (10s, 1m, 1d), <c>provisional</c> for the figures between window ends, or absent for every window kind.</summary>
    public string? Window { get; set; }

    /// <summary>For a provisional rule: how long figures must stay across the line before it moves (default 30 s).</summary>
    public TimeSpan? HoldDown { get; set; }

    public string? WebhookTargetId { get; set; }

    public bool Enabled { get; set; } = true;
}
