namespace RiskRadar.Api.Alerts;

/// <summary>Body of POST and PUT on an alert rule.</summary>
public sealed class AlertRuleRequest
{
    /// <summary>The portfolio watched; absent for every portfolio of the tenant.</summary>
    public string? PortfolioId { get; set; }

    /// <summary>var95, var99, es975, es99, volatility, maxDrawdown, grossExposure or assetClassShare:&lt;AssetClass&gt;.</summary>
    public string? Metric { get; set; }

    /// <summary>Breached while the metric is above this.</summary>
    public double? Threshold { get; set; }

    /// <summary>10s, 1m or 1d; provisional for the live figures between window ends; absent for every window.</summary>
    public string? Window { get; set; }

    /// <summary>Provisional rules only: seconds the figures must stay across the line before the rule moves (default 30).</summary>
    public double? HoldDownSeconds { get; set; }

    public string? WebhookTargetId { get; set; }

    public bool? Enabled { get; set; }
}

public sealed record AlertRuleResponse(
    string Id, string? PortfolioId, string Metric, double Threshold, string? Window, string? WebhookTargetId, bool Enabled, long Version, DateTimeOffset CreatedAt,
    double? HoldDownSeconds);

public sealed record AlertEventResponse(
    string AlertId, string RuleId, string PortfolioId, string Metric, double Threshold, double Value, string State, string Window, DateTimeOffset WindowEnd, DateTimeOffset RaisedAt);

/// <summary>Body of POST on a webhook target; the secret signs deliveries (HMAC-SHA256) and is never returned.</summary>
public sealed class WebhookTargetRequest
{
    public string? Url { get; set; }

    public string? Secret { get; set; }
}

public sealed record WebhookTargetResponse(string Id, string Url, DateTimeOffset CreatedAt);
