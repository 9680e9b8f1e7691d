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

    /// <summary>
    /// Local state directory; in-memory stores are rebuilt from their changelogs, so it may be ephemeral. Each process
    /// takes its own <c>slot-N</c> under it, so replicas may share the setting.
    /// </summary>
    public string StateDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "riskradar-stream");

    /// <summary>
    /// How long the group waits for a silent member before its partitions move. A crashed instance holds its
    /// tasks this long; a restarted one also waits about this long to rejoin on the development broker.
    /// </summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How long the broker lets a transaction stay open before aborting it (a crashed instance's, say).</summary>
    public TimeSpan TransactionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>librdkafka debug contexts for the topology's clients (e.g. <c>cgrp,eos</c>), for diagnosing a broker.</summary>
    public string? KafkaDebug { get; set; }

    [Range(1, 1_000_000)]
    public int SinkQueueCapacity { get; set; } = 10_000;

    [Range(1, 100_000)]
    public int SinkBatchSize { get; set; } = 1_000;

    /// <summary>Longest a result waits for its batch to fill before the sinks write it.</summary>
    public TimeSpan SinkBatchWindow { get; set; } = TimeSpan.FromMilliseconds(20);
}
