using System.Text.Json.Serialization;
using RiskRadar.Api.Alerts;
using RiskRadar.Api.Apis;
using RiskRadar.Api.Market;
using RiskRadar.Api.Portfolios;
using RiskRadar.Api.Risk;
using RiskRadar.Contracts.Events;
using RiskRadar.TimeSeries;

namespace RiskRadar.Api;

/// <summary>Source-generated JSON of the API's own requests and responses: camelCase, strict numbers, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(AlertRuleRequest))]
[JsonSerializable(typeof(AlertRuleResponse))]
[JsonSerializable(typeof(Page<AlertRuleResponse>))]
[JsonSerializable(typeof(IReadOnlyList<AlertEventResponse>))]
[JsonSerializable(typeof(WebhookTargetRequest))]
[JsonSerializable(typeof(WebhookTargetResponse))]
[JsonSerializable(typeof(IReadOnlyList<WebhookTargetResponse>))]
[JsonSerializable(typeof(PortfolioRequest))]
[JsonSerializable(typeof(PortfolioResponse))]
[JsonSerializable(typeof(Page<PortfolioResponse>))]
[JsonSerializable(typeof(Page<InstrumentReference>))]
[JsonSerializable(typeof(InstrumentReference))]
[JsonSerializable(typeof(PositionsResponse))]
[JsonSerializable(typeof(PositionQuantityRequest))]
[JsonSerializable(typeof(BulkPositionsRequest))]
[JsonSerializable(typeof(BulkPositionsResponse))]
[JsonSerializable(typeof(CalculateRequest))]
[JsonSerializable(typeof(StressRequest))]
[JsonSerializable(typeof(StressResponse))]
[JsonSerializable(typeof(IReadOnlyList<NamedStressScenario>))]
[JsonSerializable(typeof(BacktestResponse))]
[JsonSerializable(typeof(OptimizeRequest))]
[JsonSerializable(typeof(OptimizeResponse))]
[JsonSerializable(typeof(CalculateResponse))]
[JsonSerializable(typeof(RiskExplanation))]
[JsonSerializable(typeof(RiskHistoryResponse))]
[JsonSerializable(typeof(HistoryImportResponse))]
[JsonSerializable(typeof(DailyHistoryResponse))]
[JsonSerializable(typeof(ScenarioSetResponse))]
[JsonSerializable(typeof(IReadOnlyList<InstrumentBar>))]
[JsonSerializable(typeof(CurveResponse))]
[JsonSerializable(typeof(VolatilitySurfaceResponse))]
[JsonSerializable(typeof(IReadOnlyList<RiskHistoryBucket>))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
