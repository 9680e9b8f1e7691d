using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Ingestion.Publishing;

/// <summary>Which ticks are traced, bound from <c>Ingestion:Tracing</c>.</summary>
public sealed class TickTracingOptions
{
    public const string SectionName = "Ingestion:Tracing";

    /// <summary>
    /// Share of ticks that get a producer span and a <c>traceparent</c> header (every 1/ratio-th tick; 0 none, 1
    /// all). The StreamProcessor continues exactly those traces, so a sampled tick is one trace feed → cache, and
    /// at 100,000 ticks/s the others cost neither a span nor a header.
    /// </summary>
    [Range(0.0, 1.0)]
    public double TickSampleRatio { get; set; } = 0.01;
}
