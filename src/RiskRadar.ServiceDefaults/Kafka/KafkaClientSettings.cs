namespace RiskRadar.ServiceDefaults.Kafka;

/// <summary>
/// Settings for the Kafka clients of a service, bound from the <c>Kafka</c> configuration section.
/// The bootstrap servers come from the <c>kafka</c> connection string that the AppHost injects.
/// </summary>
public sealed class KafkaClientSettings
{
    public const string SectionName = "Kafka";

    /// <summary>librdkafka properties applied to every client (producer, consumer, admin).</summary>
    public Dictionary<string, string> Common { get; set; } = [];

    /// <summary>librdkafka properties applied to producers only.</summary>
    public Dictionary<string, string> Producer { get; set; } = [];

    /// <summary>librdkafka properties applied to consumers only.</summary>
    public Dictionary<string, string> Consumer { get; set; } = [];

    /// <summary>How often librdkafka reports statistics that become OpenTelemetry metrics; 0 turns them off.</summary>
    public int StatisticsIntervalMs { get; set; } = 5000;

    /// <summary>Timeout of the metadata request behind the health check.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
