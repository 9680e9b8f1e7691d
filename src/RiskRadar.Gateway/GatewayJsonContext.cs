using System.Text.Json.Serialization;
using RiskRadar.Gateway.ApiKeys;
using RiskRadar.Gateway.Apis;
using RiskRadar.Gateway.Audit;
using RiskRadar.Gateway.Auth;

namespace RiskRadar.Gateway;

/// <summary>Source-generated JSON of the gateway's own requests, responses, API keys and audit records.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(IssuedToken))]
[JsonSerializable(typeof(AuditRecord))]
[JsonSerializable(typeof(ApiKeyRequest))]
[JsonSerializable(typeof(CreatedApiKey))]
[JsonSerializable(typeof(IReadOnlyList<ApiKeyInfo>))]
[JsonSerializable(typeof(IReadOnlyList<AuditRecord>))]
[JsonSerializable(typeof(ApiKeyInfo))]
public sealed partial class GatewayJsonContext : JsonSerializerContext;
