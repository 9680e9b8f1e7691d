using System.Text.Json.Serialization;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Contracts.Serialization;

/// <summary>Source-generated JSON metadata for every event on the wire: camelCase, no reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.Strict,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(PriceTick))]
[JsonSerializable(typeof(InstrumentReference))]
[JsonSerializable(typeof(OptionContract))]
[JsonSerializable(typeof(FutureContract))]
[JsonSerializable(typeof(BondContract))]
[JsonSerializable(typeof(RateFactor))]
[JsonSerializable(typeof(VolatilityFactor))]
[JsonSerializable(typeof(PositionChange))]
[JsonSerializable(typeof(RiskAggregate))]
[JsonSerializable(typeof(ProvisionalRisk))]
[JsonSerializable(typeof(InstrumentBar))]
[JsonSerializable(typeof(RiskAlert))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
