using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Ingestion.Pipeline;

/// <summary>Settings of the channel between the feeds and the publisher, bound from <c>Ingestion:Channel</c>.</summary>
public sealed class ChannelOptions
{
    public const string SectionName = "Ingestion:Channel";

    /// <summary>Ticks held before writers wait; bounds memory when Kafka or validation falls behind.</summary>
    [Range(1, 1_000_000)]
    public int Capacity { get; set; } = 10_000;
}
