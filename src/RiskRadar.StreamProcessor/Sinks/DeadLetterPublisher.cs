using System.Text;
using Confluent.Kafka;
using RiskRadar.Contracts.Topics;
using RiskRadar.ServiceDefaults.Kafka;

namespace RiskRadar.StreamProcessor.Sinks;

/// <summary>
/// Sends records the topology cannot read to <c>&lt;topic&gt;.dlq</c>, unchanged, with the reason and their
/// origin in headers, so that nothing is dropped silently and the stream keeps running.
/// </summary>
public sealed class DeadLetterPublisher : IDisposable
{
    public const string SourceTopicHeader = "dlq.source.topic";
    public const string SourcePartitionHeader = "dlq.source.partition";
    public const string SourceOffsetHeader = "dlq.source.offset";

    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly ILogger<DeadLetterPublisher> _logger;

    public DeadLetterPublisher(KafkaClientFactory factory, ILogger<DeadLetterPublisher> logger)
    {
        _logger = logger;
        var config = factory.CreateProducerConfig("stream-processor-dlq");
        config.EnableIdempotence = true;
        _producer = factory.CreateProducer<byte[]?, byte[]?>(config);
    }

    public void Publish(ConsumeResult<byte[], byte[]> record, string reason)
    {
        var headers = new Headers();
        foreach (var header in record.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(KafkaTopics.DeadLetterReasonHeader, Encoding.UTF8.GetBytes(reason));
        headers.Add(SourceTopicHeader, Encoding.UTF8.GetBytes(record.Topic));
        headers.Add(SourcePartitionHeader, Encoding.UTF8.GetBytes(record.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        headers.Add(SourceOffsetHeader, Encoding.UTF8.GetBytes(record.Offset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var topic = record.Topic + ".dlq";
        _logger.LogWarning("Dead-lettering {Topic}[{Partition}]@{Offset}: {Reason}", record.Topic, record.Partition.Value, record.Offset.Value, reason);
        // Wait for the broker's acknowledgement: the source offset is committed after this returns.
        _producer.ProduceAsync(topic, new Message<byte[]?, byte[]?> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers })
            .GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
