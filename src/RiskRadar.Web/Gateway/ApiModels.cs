namespace RiskRadar.Web.Gateway;

// The Api's answers as the dashboard reads them (docs/api.md); risk figures themselves are the shared contracts
// RiskAggregate and ProvisionalRisk of RiskRadar.Contracts.

public sealed record PortfolioDto(string Id, string Name, string BaseCurrency, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record PageDto<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record PositionDto(string InstrumentId, double Quantity, DateTimeOffset UpdatedAt);

public sealed record PositionsDto(string PortfolioId, long Version, IReadOnlyList<PositionDto> Positions);

public sealed record BulkPositionsDto(string PortfolioId, long Version, int Positions);

public sealed record RiskHistoryDto(string PortfolioId, string Window, DateTimeOffset From, DateTimeOffset To, string Interval, IReadOnlyList<RiskHistoryBucketDto> Buckets);

public sealed record RiskHistoryBucketDto(
    DateTimeOffset BucketStart, int Count, double LastMarketValue, double LastPnl, double? MaxVar99, double? MaxEs975, double? AvgVolatility, DateTimeOffset LastWindowEnd);

public sealed record AlertRuleDto(
    string Id, string? PortfolioId, string Metric, double Threshold, string? Window, string? WebhookTargetId, bool Enabled, long Version,
    DateTimeOffset CreatedAt, double? HoldDownSeconds);

public sealed record AlertEventDto(
    string AlertId, string RuleId, string PortfolioId, string Metric, double Threshold, double Value, string State, string Window,
    DateTimeOffset WindowEnd, DateTimeOffset RaisedAt);

public sealed record WebhookTargetDto(string Id, string Url, DateTimeOffset CreatedAt);

public sealed record LatestPriceDto(string InstrumentId, double Price, DateTimeOffset Timestamp);

public sealed record CalculationDto(
    string? PortfolioId, string BaseCurrency, string Method, double ConfidenceLevel, string Horizon, int Scenarios, double MarketValue,
    CalculatedMetricsDto Metrics, IReadOnlyList<ValuedPositionDto> Positions, IReadOnlyList<string> InstrumentsWithoutHistory, string ScenarioKind,
    string? ScenarioSetId);

public sealed record CalculatedMetricsDto(
    double? Var, double? Es, double? Volatility, double? Sharpe, double? Sortino, double? MaxDrawdown, IReadOnlyDictionary<string, double>? ComponentVar,
    double? StressedVar, double? StressedEs);

public sealed record ValuedPositionDto(string InstrumentId, string AssetClass, double Quantity, double LocalPrice, double FxRate, double Exposure, string? Currency);

public sealed record ShockDto(string? Target, string? Name, string? Kind, double? Size);

public sealed record NamedStressScenarioDto(string Name, string? Description, IReadOnlyList<ShockDto> Shocks);

public sealed record StressDto(string? PortfolioId, string BaseCurrency, DateTimeOffset? AsOf, double MarketValue, IReadOnlyList<StressScenarioResultDto> Scenarios, IReadOnlyList<string> InstrumentsWithoutPrice);

public sealed record StressScenarioResultDto(string Name, double Pnl, IReadOnlyList<StressPositionResultDto> Positions, DateOnly? From, DateOnly? To);

public sealed record StressPositionResultDto(string InstrumentId, double MarketValue, double PriceChange, double Pnl);

public sealed record BacktestDto(
    string PortfolioId, string Method, double ConfidenceLevel, int EstimationWindow, int Observations, int Failures, double ExpectedFailures,
    double KupiecPValue, double IndependencePValue, double ConditionalCoveragePValue, string TrafficLight, string ScenarioKind, string? ScenarioSetId,
    IReadOnlyList<BacktestDayDto> Days);

public sealed record BacktestDayDto(DateOnly? Date, double Loss, double ValueAtRisk, bool Exception);

public sealed record OptimizationDto(
    string PortfolioId, string Objective, bool LongOnly, int Scenarios, double ExpectedReturn, double Volatility, double? Sharpe,
    IReadOnlyList<OptimizedWeightDto> Weights, string? ScenarioSetId);

public sealed record OptimizedWeightDto(string InstrumentId, double Weight, double CurrentWeight, double RiskContribution, double TargetQuantity);

public sealed record ApiKeyDto(string Id, string TenantId, string Name, IReadOnlyList<string> Roles, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record CreatedApiKeyDto(string Id, string Name, IReadOnlyList<string> Roles, string Key);

public sealed record AuditEventDto(
    long Id, DateTimeOffset OccurredAt, string? Actor, string? TenantId, string? ApiKeyId, string Method, string Route, string Path, int Status, string Outcome,
    string? CorrelationId, string? ClientAddress);
