using Confluent.Kafka;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Contracts.Topics;
using RiskRadar.ServiceDefaults.Kafka;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>
/// Alerts to <c>risk.alerts</c>, keyed by portfolio so a portfolio's breach and clear stay in order on one partition.
/// The idempotent producer removes duplicates from its own retries; duplicates from a redelivered batch remain, and
/// consumers drop them by <see cref="RiskAlert.AlertId"/>.
/// </summary>
public sealed class KafkaAlertPublisher : IAlertPublisher, IDisposable
{
    private readonly IProducer<string, byte[]> _producer;

    public KafkaAlertPublisher(KafkaClientFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var config = factory.CreateProducerConfig("stream-processor-alerts");
        config.EnableIdempotence = true;
        config.Acks = Acks.All;
        _producer = factory.CreateProducer<string, byte[]>(config);
    }

    public async Task PublishAsync(IReadOnlyList<RiskAlert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0)
        {
            return;
        }

        var context = new SerializationContext(MessageComponentType.Value, KafkaTopics.RiskAlerts);
        var sends = new Task[alerts.Count];
        for (var i = 0; i < alerts.Count; i++)
        {
            var alert = alerts[i];
            sends[i] = _producer.ProduceAsync(
                KafkaTopics.RiskAlerts,
                new Message<string, byte[]> { Key = alert.PortfolioId, Value = EventSerializers.RiskAlert.Serialize(alert, context) },
                cancellationToken);
        }

        await Task.WhenAll(sends);
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
