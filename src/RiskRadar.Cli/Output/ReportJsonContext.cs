using System.Text.Json.Serialization;

namespace RiskRadar.Cli.Output;

/// <summary>Source-generated serialisers (no reflection) with the camelCase keys the CLI contract names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(RiskReport))]
[JsonSerializable(typeof(OptimizeReport))]
[JsonSerializable(typeof(OptionReport))]
[JsonSerializable(typeof(BondReport))]
[JsonSerializable(typeof(BacktestReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
