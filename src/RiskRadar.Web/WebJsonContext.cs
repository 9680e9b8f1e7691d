using System.Text.Json;
using System.Text.Json.Serialization;
using RiskRadar.Contracts.Events;
using RiskRadar.Web.Auth;
using RiskRadar.Web.Gateway;

namespace RiskRadar.Web;

/// <summary>Source-generated JSON for every body the dashboard sends to or reads from the gateway (camelCase, as the Api).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IssuedTokens))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(PortfolioDto))]
[JsonSerializable(typeof(PageDto<PortfolioDto>))]
[JsonSerializable(typeof(PageDto<InstrumentReference>))]
[JsonSerializable(typeof(PositionsDto))]
[JsonSerializable(typeof(BulkPositionsDto))]
[JsonSerializable(typeof(RiskAggregate))]
[JsonSerializable(typeof(ProvisionalRisk))]
[JsonSerializable(typeof(RiskHistoryDto))]
[JsonSerializable(typeof(PageDto<AlertRuleDto>))]
[JsonSerializable(typeof(AlertRuleDto))]
[JsonSerializable(typeof(List<AlertEventDto>))]
[JsonSerializable(typeof(List<WebhookTargetDto>))]
[JsonSerializable(typeof(LatestPriceDto))]
[JsonSerializable(typeof(CalculationDto))]
[JsonSerializable(typeof(PortfolioRequest))]
[JsonSerializable(typeof(QuantityRequest))]
[JsonSerializable(typeof(CalculateRequest))]
[JsonSerializable(typeof(AlertRuleRequest))]
[JsonSerializable(typeof(BulkPositionsRequest))]
[JsonSerializable(typeof(List<NamedStressScenarioDto>))]
[JsonSerializable(typeof(StressDto))]
[JsonSerializable(typeof(StressRequest))]
[JsonSerializable(typeof(BacktestDto))]
[JsonSerializable(typeof(OptimizationDto))]
[JsonSerializable(typeof(OptimizeRequest))]
[JsonSerializable(typeof(List<ApiKeyDto>))]
[JsonSerializable(typeof(CreatedApiKeyDto))]
[JsonSerializable(typeof(ApiKeyRequest))]
[JsonSerializable(typeof(List<AuditEventDto>))]
[JsonSerializable(typeof(WebhookTargetDto))]
[JsonSerializable(typeof(WebhookTargetRequest))]
internal sealed partial class WebJsonContext : JsonSerializerContext;
