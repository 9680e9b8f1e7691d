using System.ComponentModel.DataAnnotations;
using RiskRadar.StreamProcessor.Sinks.Alerts;

namespace RiskRadar.StreamProcessor.Tests.Alerts;

public sealed class AlertOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(Validate(new AlertOptions()));

    [Fact]
    public void Seeded_rules_and_targets_are_checked()
    {
        var options = new AlertOptions
        {
            WebhookTargets =
            [
                new() { TargetId = "hook", TenantId = "T2", Url = "ftp://example.com/", Secret = "" },
            ],
            Rules =
            [
                new() { RuleId = "R1", TenantId = "T1", Metric = "var98", Threshold = 1 },
                new() { RuleId = "R1", TenantId = "T1", Metric = "var99", Threshold = 1, WebhookTargetId = "hook" },
            ],
        };

        var errors = Validate(options);

        Assert.Contains(errors, e => e.Contains("Url must be", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Secret is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unknown metric 'var98'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("appears twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("belongs to another tenant", StringComparison.Ordinal));
    }

    private static List<string> Validate(AlertOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }
}
