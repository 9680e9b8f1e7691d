using System.ComponentModel.DataAnnotations;
using RiskRadar.Alerts;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>Settings of the alert sink and webhook delivery, bound from the <c>Alerts</c> section.</summary>
public sealed class AlertOptions : IValidatableObject
{
    public const string SectionName = "Alerts";

    /// <summary>How long the sink uses its cached rules before reading <c>alert_rules</c> again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RuleRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the webhook deliverer sleeps when the outbox has nothing due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before the second attempt; doubles per attempt up to <see cref="MaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts after which a delivery is given up and marked dead.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Timeout of one webhook POST. Also bounds the claim on an outbox row, so keep it well under minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Outbox rows claimed per poll.</summary>
    [Range(1, 1000)]
    public int DeliveryBatchSize { get; set; } = 20;

    /// <summary>A breach clears below threshold × (1 − Hysteresis); 0 clears at the threshold.</summary>
    [Range(0.0, 0.99)]
    public double Hysteresis { get; set; }

    /// <summary>Rules upserted into <c>alert_rules</c> at start; rules created through the API live only in the table.</summary>
    public List<AlertRuleOptions> Rules { get; set; } = [];

    /// <summary>Webhook targets upserted into <c>alert_webhook_targets</c> at start.</summary>
    public List<WebhookTargetOptions> WebhookTargets { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // DataAnnotations does not descend into lists, so the seeded rules and targets are checked here.
        if (MaxDelay < BaseDelay)
        {
            yield return new ValidationResult("MaxDelay must be at least BaseDelay.", [nameof(MaxDelay)]);
        }

        var targets = new Dictionary<string, WebhookTargetOptions>(StringComparer.Ordinal);
        for (var i = 0; i < WebhookTargets.Count; i++)
        {
            var target = WebhookTargets[i];
            var name = $"{nameof(WebhookTargets)}[{i}]";
            if (string.IsNullOrWhiteSpace(target.TargetId) || string.IsNullOrWhiteSpace(target.TenantId))
            {
                yield return new ValidationResult($"{name}: TargetId and TenantId are required.", [name]);
            }
            else if (!targets.TryAdd(target.TargetId, target))
            {
                yield return new ValidationResult($"{name}: TargetId '{target.TargetId}' appears twice.", [name]);
            }

            if (!Uri.TryCreate(target.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                yield return new ValidationResult($"{name}: Url must be an absolute http(s) URL.", [name]);
            }

            if (string.IsNullOrEmpty(target.Secret))
            {
                yield return new ValidationResult($"{name}: Secret is required; receivers verify the signature with it.", [name]);
            }
        }

        var rules = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            var name = $"{nameof(Rules)}[{i}]";
            if (string.IsNullOrWhiteSpace(rule.RuleId) || string.IsNullOrWhiteSpace(rule.TenantId))
            {
                yield return new ValidationResult($"{name}: RuleId and TenantId are required.", [name]);
            }
            else if (!rules.Add(rule.RuleId))
            {
                yield return new ValidationResult($"{name}: RuleId '{rule.RuleId}' appears twice.", [name]);
            }

            // The window is not checked against the default kinds: a seeded rule may name any kind Pipeline:Windows configures.
            var provisional = rule.Window == ProvisionalAlerts.Window;
            if (!(provisional ? ProvisionalAlerts.IsKnown(rule.Metric) : AlertMetrics.IsKnown(rule.Metric)))
            {
                yield return new ValidationResult($"{name}: unknown metric '{rule.Metric}'{(provisional ? " for provisional figures" : "")}.", [name]);
            }

            if (rule.HoldDown is { } holdDown && (!provisional || holdDown < TimeSpan.Zero || holdDown > ProvisionalAlerts.MaxHoldDown))
            {
                yield return new ValidationResult($"{name}: HoldDown is for provisional rules only, between 0 and {ProvisionalAlerts.MaxHoldDown:g}.", [name]);
            }

            if (!double.IsFinite(rule.Threshold))
            {
                yield return new ValidationResult($"{name}: Threshold must be a finite number.", [name]);
            }

            // A rule may only notify its own tenant's target: anything else would leak one tenant's risk to another.
            // (A target that is not configured may exist in the table; the sink enforces the same rule there.)
            if (rule.WebhookTargetId is { } targetId
                && targets.TryGetValue(targetId, out var target)
                && !string.Equals(target.TenantId, rule.TenantId, StringComparison.Ordinal))
            {
                yield return new ValidationResult($"{name}: WebhookTargetId '{targetId}' belongs to another tenant.", [name]);
            }
        }
    }
}
