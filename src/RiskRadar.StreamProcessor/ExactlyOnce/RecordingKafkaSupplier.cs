using Confluent.Kafka;
using Streamiz.Kafka.Net.Kafka;
using Streamiz.Kafka.Net.Metrics;
using Streamiz.Kafka.Net.Table;

namespace RiskRadar.StreamProcessor.ExactlyOnce;

/// <summary>
/// Streamiz's client supplier, plus a note in the state directory of every transactional id it hands out, before the
/// producer exists, so that the next start can fence them (<see cref="PredecessorFencing"/>).
/// </summary>
public sealed class RecordingKafkaSupplier(IKafkaSupplier inner, string registryPath) : IKafkaSupplier
{
    public StreamMetricsRegistry MetricsRegistry
    {
        get => inner.MetricsRegistry;
        set => inner.MetricsRegistry = value;
    }

    public IProducer<byte[], byte[]> GetProducer(ProducerConfig config)
    {
        if (config.TransactionalId is { Length: > 0 } transactionalId)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(registryPath)!);
            File.AppendAllLines(registryPath, [transactionalId]);
        }

        return inner.GetProducer(config);
    }

    public IConsumer<byte[], byte[]> GetConsumer(ConsumerConfig config, IConsumerRebalanceListener rebalanceListener) =>
        inner.GetConsumer(config, rebalanceListener);

    public IConsumer<byte[], byte[]> GetRestoreConsumer(ConsumerConfig config) => inner.GetRestoreConsumer(config);

    public IAdminClient GetAdmin(AdminClientConfig config) => inner.GetAdmin(config);

    public IConsumer<byte[], byte[]> GetGlobalConsumer(ConsumerConfig config) => inner.GetGlobalConsumer(config);
}
