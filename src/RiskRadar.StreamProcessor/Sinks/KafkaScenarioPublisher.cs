using Confluent.Kafka;
using RiskRadar.Contracts.Topics;
using RiskRadar.ServiceDefaults.Kafka;
using RiskRadar.StreamProcessor.Pipeline;
using RiskRadar.StreamProcessor.Pipeline.Instruments;
using RiskRadar.StreamProcessor.Serdes;

namespace RiskRadar.StreamProcessor.Sinks;

/// <summary>Writes scenario histories with an idempotent, non-transactional producer (see <see cref="IScenarioPublisher"/>).</summary>
public sealed class KafkaScenarioPublisher : IScenarioPublisher, IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly InstrumentScenarioSerDes _serdes = new();

    public KafkaScenarioPublisher(KafkaClientFactory factory)
    {
        var config = factory.CreateProducerConfig("stream-processor-scenarios");
        config.EnableIdempotence = true;
        config.Acks = Acks.All;
        _producer = factory.CreateProducer<string, byte[]>(config);
    }

    public void Publish(InstrumentScenario scenario)
    {
        var context = new SerializationContext(MessageComponentType.Value, TopicCatalog.Internal.InstrumentScenarios);
        _producer.ProduceAsync(
                TopicCatalog.Internal.InstrumentScenarios,
                new Message<string, byte[]> { Key = scenario.InstrumentId, Value = _serdes.Serialize(scenario, context) })
            .GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
