using System.Text.Json.Serialization;
using RiskRadar.StreamProcessor.Pipeline.Instruments;
using RiskRadar.StreamProcessor.Pipeline.Portfolios;

namespace RiskRadar.StreamProcessor.Pipeline;

/// <summary>Source-generated JSON for the pipeline's internal topics and state stores.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(InstrumentInput))]
[JsonSerializable(typeof(BookInput))]
[JsonSerializable(typeof(InstrumentOutput))]
[JsonSerializable(typeof(InstrumentBars))]
[JsonSerializable(typeof(BoundaryTimeline))]
[JsonSerializable(typeof(PortfolioHeader))]
[JsonSerializable(typeof(HoldingState))]
internal sealed partial class PipelineJsonContext : JsonSerializerContext;
