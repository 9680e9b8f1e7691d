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
