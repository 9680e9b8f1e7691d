using Confluent.Kafka;
using RiskRadar.ServiceDefaults.Kafka;

namespace RiskRadar.StreamProcessor.ExactlyOnce;

/// <summary>
/// Aborts the open transactions of this instance's previous run before the topology restores its stores.
/// </summary>
/// <remarks>
/// With in-memory stores Streamiz draws a new process id, hence new transactional ids, on every start, and it only
/// initialises transactions after restoring. A crashed run's open transaction therefore stays open until the
/// broker's transaction timeout, and meanwhile a read_committed restore stops at it (the last stable offset) and
/// misses state that later, committed transactions wrote behind it — after two quick crashes the third run restored
/// stale state on top of newer committed input offsets and emitted windows twice (seen in the crash test).
/// Initialising a producer with each recorded id fences the dead producer and aborts its transaction at once, as a
/// successor with the same id would. Without the state directory (a new pod) the transaction timeout still applies.
/// </remarks>
public static class PredecessorFencing
{
    public static void FenceRecorded(string registryPath, KafkaClientFactory kafka, TimeSpan timeout, ILogger logger)
    {
        if (!File.Exists(registryPath))
        {
            return;
        }

        foreach (var transactionalId in File.ReadAllLines(registryPath).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal))
        {
            var config = kafka.CreateProducerConfig("stream-processor-fencing");
            config.TransactionalId = transactionalId;
            using var producer = kafka.CreateProducer<Null, Null>(config);
            producer.InitTransactions(timeout);
            logger.LogInformation("Fenced the previous run's transactional id {TransactionalId}", transactionalId);
        }

        File.Delete(registryPath);
    }
}
