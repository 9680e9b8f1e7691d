namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>A webhook endpoint seeded from configuration; put <see cref="Secret"/> in a secret store, not appsettings.</summary>
public sealed class WebhookTargetOptions
{
    public string TargetId { get; set; } = "";

    public string TenantId { get; set; } = "";

    public string Url { get; set; } = "";

    public string Secret { get; set; } = "";
}
