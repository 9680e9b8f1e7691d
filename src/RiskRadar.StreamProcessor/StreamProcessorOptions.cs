using System.ComponentModel.DataAnnotations;
using Streamiz.Kafka.Net;

namespace RiskRadar.StreamProcessor;

/// <summary>Settings of the stream processor, bound from the <c>StreamProcessor</c> section.</summary>
public sealed class StreamProcessorOptions
{
    public const string SectionName = "StreamProcessor";

    /// <summary>Exactly-once by default: each input is reflected in output topics and state once, even across crashes.</summary>
    public ProcessingGuarantee Guarantee { get; set; } = ProcessingGuarantee.EXACTLY_ONCE;

    [Range(1, 64)]
    public int StreamThreads { get; set; } = 1;

    /// <summary>Local state directory; in-memory stores are rebuilt from their changelogs, so it may be ephemeral.</summary>
    public string StateDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "riskradar-stream");

    [Range(1, 1_000_000)]
    public int SinkQueueCapacity { get; set; } = 10_000;

    [Range(1, 100_000)]
    public int SinkBatchSize { get; set; } = 1_000;
}
