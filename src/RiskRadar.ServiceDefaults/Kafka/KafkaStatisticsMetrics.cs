using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;

namespace RiskRadar.ServiceDefaults.Kafka;

/// <summary>
/// Turns librdkafka's periodic statistics JSON into OpenTelemetry instruments, one series per client.
/// librdkafka reports cumulative totals, so totals are observable counters and queue depths observable gauges.
/// </summary>
public sealed class KafkaStatisticsMetrics : IDisposable
{
    private readonly ConcurrentDictionary<string, KafkaClientStatistics> _latest = new(StringComparer.Ordinal);
    private readonly Meter _meter;

    public KafkaStatisticsMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(KafkaTelemetry.MeterName);
        _meter.CreateObservableGauge("messaging.kafka.client.queue.messages", () => Observe(s => s.QueuedMessages), "{message}", "Messages waiting in the client queue.");
        _meter.CreateObservableGauge("messaging.kafka.client.queue.bytes", () => Observe(s => s.QueuedBytes), "By", "Bytes waiting in the client queue.");
        _meter.CreateObservableGauge("messaging.kafka.consumer.lag", () => Observe(s => s.MaxConsumerLag), "{message}", "Largest lag over the partitions a consumer holds.");
        _meter.CreateObservableCounter("messaging.kafka.client.messages.transmitted", () => Observe(s => s.MessagesTransmitted), "{message}", "Messages sent to brokers.");
        _meter.CreateObservableCounter("messaging.kafka.client.messages.received", () => Observe(s => s.MessagesReceived), "{message}", "Messages received from brokers.");
        _meter.CreateObservableCounter("messaging.kafka.client.network.transmitted", () => Observe(s => s.BytesTransmitted), "By", "Bytes sent to brokers.");
        _meter.CreateObservableCounter("messaging.kafka.client.network.received", () => Observe(s => s.BytesReceived), "By", "Bytes received from brokers.");
    }

    /// <summary>The most recent statistics of each client, for health reporting and tests.</summary>
    public IReadOnlyDictionary<string, KafkaClientStatistics> Latest => _latest;

    public void Record(string? clientId, string statisticsJson)
    {
        var stats = KafkaClientStatistics.Parse(statisticsJson);
        _latest[clientId ?? stats.Name] = stats;
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> Observe(Func<KafkaClientStatistics, long> select)
    {
        foreach (var (client, stats) in _latest)
        {
            yield return new Measurement<long>(select(stats), new KeyValuePair<string, object?>("messaging.client.id", client), new KeyValuePair<string, object?>("messaging.kafka.client.type", stats.Type));
        }
    }
}

/// <summary>The subset of librdkafka's statistics (see its STATISTICS.md) that RiskRadar watches.</summary>
public sealed record KafkaClientStatistics(
    string Name,
    string Type,
    long QueuedMessages,
    long QueuedBytes,
    long MessagesTransmitted,
    long MessagesReceived,
    long BytesTransmitted,
    long BytesReceived,
    long MaxConsumerLag)
{
    public static KafkaClientStatistics Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        long maxLag = 0;
        if (root.TryGetProperty("topics", out var topics))
        {
            foreach (var topic in topics.EnumerateObject())
            {
                if (!topic.Value.TryGetProperty("partitions", out var partitions))
                {
                    continue;
                }

                foreach (var partition in partitions.EnumerateObject())
                {
                    // librdkafka reports -1 when the lag is unknown (no committed offset or no fetch yet).
                    if (partition.Value.TryGetProperty("consumer_lag", out var lag) && lag.GetInt64() > maxLag)
                    {
                        maxLag = lag.GetInt64();
                    }
                }
            }
        }

        return new KafkaClientStatistics(
            Name: String(root, "name"),
            Type: String(root, "type"),
            QueuedMessages: Int(root, "msg_cnt"),
            QueuedBytes: Int(root, "msg_size"),
            MessagesTransmitted: Int(root, "txmsgs"),
            MessagesReceived: Int(root, "rxmsgs"),
            BytesTransmitted: Int(root, "tx_bytes"),
            BytesReceived: Int(root, "rx_bytes"),
            MaxConsumerLag: maxLag);
    }

    private static long Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private static string String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
