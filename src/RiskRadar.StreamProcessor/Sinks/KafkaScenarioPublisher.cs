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
    private readonly ILogger<KafkaScenarioPublisher> _logger;
    private readonly InstrumentScenarioSerDes _serdes = new();

    public KafkaScenarioPublisher(KafkaClientFactory factory, ILogger<KafkaScenarioPublisher> logger)
    {
        _logger = logger;
        var config = factory.CreateProducerConfig("stream-processor-scenarios");
        config.EnableIdempotence = true;
        config.LingerMs = 0;
        _producer = factory.CreateProducer<string, byte[]>(config);
    }

    public void Publish(InstrumentScenario scenario)
    {
        var context = new SerializationContext(MessageComponentType.Value, TopicCatalog.Internal.InstrumentScenarios);
        var message = new Message<string, byte[]> { Key = scenario.InstrumentId, Value = _serdes.Serialize(scenario, context) };
        _producer.Produce(TopicCatalog.Internal.InstrumentScenarios, message, report =>
        {
            if (report.Error.IsError)
            {
                // Only a fatal producer error ends here (idempotent, retried without limit); the instrument's next
                // closed bar publishes its whole history again, which supersedes this one.
                _logger.LogError("Scenario history of {Instrument} was not delivered: {Reason}", scenario.InstrumentId, report.Error.Reason);
            }
        });
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
