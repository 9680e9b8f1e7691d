namespace RiskRadar.Web.Gateway;

// Bodies the dashboard sends; field names as docs/api.md gives them.

public sealed record PortfolioRequest(string Name, string BaseCurrency);

public sealed record QuantityRequest(double Quantity);

public sealed record PositionItemRequest(string InstrumentId, double Quantity);

public sealed record CalculateRequest(
    string? PortfolioId,
    IReadOnlyList<PositionItemRequest>? Positions,
    string? BaseCurrency,
    IReadOnlyList<string>? Metrics,
    double? ConfidenceLevel,
    string? Horizon,
    string? Method);

public sealed record AlertRuleRequest(string? PortfolioId, string Metric, double? Threshold, string? Window, double? HoldDownSeconds, string? WebhookTargetId, bool Enabled);

public sealed record BulkPositionsRequest(IReadOnlyList<PositionItemRequest> Positions);

public sealed record StressScenarioRequest(string? Name, string? Named, IReadOnlyList<ShockDto>? Shocks);

public sealed record StressRequest(string PortfolioId, IReadOnlyList<StressScenarioRequest> Scenarios);

public sealed record OptimizeRequest(string Objective, bool LongOnly);

public sealed record ApiKeyRequest(string Name, IReadOnlyList<string> Roles);

public sealed record WebhookTargetRequest(string Url, string Secret);
