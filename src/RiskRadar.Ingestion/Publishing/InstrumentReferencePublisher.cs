using Confluent.Kafka;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using RiskRadar.ServiceDefaults.Kafka;

namespace RiskRadar.Ingestion.Publishing;

/// <summary>Publishes the instrument master to the compacted <c>reference.instruments</c>, keyed by instrument id.</summary>
public sealed class InstrumentReferencePublisher(IProducer<string, InstrumentReference> producer)
{
    public async Task PublishAsync(IEnumerable<InstrumentReference> instruments, CancellationToken cancellationToken)
    {
        // Awaited as a batch: the master counts as published only once the broker has every record.
        var deliveries = instruments.Select(instrument =>
        {
            var message = new Message<string, InstrumentReference> { Key = instrument.InstrumentId, Value = instrument, Headers = [] };
            using var activity = KafkaTelemetry.StartProduce(KafkaTopics.InstrumentReferences, message.Headers);
            return producer.ProduceAsync(KafkaTopics.InstrumentReferences, message, cancellationToken);
        }).ToList();
        await Task.WhenAll(deliveries);
    }
}
