using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RiskRadar.DevBroker.Protocol;

public enum TransactionOutcome
{
    Open,
    Committed,
    Aborted,
}

/// <summary>A transaction the ledger aborted on the coordinator's behalf (fenced or expired): its log still needs the abort marker.</summary>
public sealed record AbandonedTransaction(string TransactionalId, long ProducerId, short Epoch);

/// <summary>
/// What the mock cluster does not keep: which offsets of each partition belong to which transaction and how
/// each transaction ended, and the consumer offsets committed inside transactions. The proxy fills it from the
/// Produce, TxnOffsetCommit and EndTxn traffic it relays, and uses it to answer read_committed fetches and
/// offset fetches the way a Kafka broker would.
/// </summary>
public sealed class TransactionLedger(ILogger? logger = null)
{
    /// <summary>
    /// For a producer whose InitProducerId the proxy never saw (so whose own timeout it does not know): a transaction
    /// open this long is aborted anyway, as a Kafka coordinator bounds every transaction by transaction.max.timeout.ms.
    /// Without a bound, one such dead producer would hold every read_committed consumer of its partitions forever.
    /// </summary>
    public static readonly TimeSpan UnknownProducerTimeout = TimeSpan.FromSeconds(60);

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Topic, int Partition), List<TransactionRange>> _byPartition = [];
    private readonly Dictionary<long, List<TransactionRange>> _openByProducer = [];
    private readonly Dictionary<long, List<(string Group, string Topic, int Partition, long Offset)>> _stagedOffsets = [];
    private readonly Dictionary<(string Group, string Topic, int Partition), long> _committedOffsets = [];
    private readonly Dictionary<string, long> _producerByTransactionalId = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (string TransactionalId, short Epoch)> _identityByProducer = [];
    private readonly HashSet<long> _fencedProducers = [];
    private readonly Dictionary<long, TimeSpan> _timeoutByProducer = [];
    private readonly Dictionary<long, DateTime> _openSince = [];

    /// <summary>A transactional batch of <paramref name="count"/> records was appended at <paramref name="baseOffset"/>.</summary>
    public void RecordAppend(string topic, int partition, long producerId, long baseOffset, int count)
    {
        lock (_lock)
        {
            if (!_openByProducer.TryGetValue(producerId, out var open))
            {
                open = _openByProducer[producerId] = [];
                _openSince[producerId] = DateTime.UtcNow;
            }

            var range = open.Find(r => r.Topic == topic && r.Partition == partition);
            if (range is null)
            {
                range = new TransactionRange(topic, partition, producerId, baseOffset);
                open.Add(range);
                var ranges = _byPartition.TryGetValue((topic, partition), out var p) ? p : _byPartition[(topic, partition)] = [];
                ranges.Add(range);
            }

            range.LastKnown = Math.Max(range.LastKnown, baseOffset + count - 1);
        }
    }

    public void StageOffsets(long producerId, IEnumerable<(string Group, string Topic, int Partition, long Offset)> offsets)
    {
        lock (_lock)
        {
            var staged = _stagedOffsets.TryGetValue(producerId, out var list) ? list : _stagedOffsets[producerId] = [];
            staged.AddRange(offsets);
        }
    }

    /// <summary>The producer's transaction ended; on commit its staged consumer offsets become the group's.</summary>
    public void End(long producerId, bool committed)
    {
        lock (_lock)
        {
            _openSince.Remove(producerId);
            if (_openByProducer.Remove(producerId, out var open))
            {
                foreach (var range in open)
                {
                    range.Outcome = committed ? TransactionOutcome.Committed : TransactionOutcome.Aborted;
                }
            }

            if (_stagedOffsets.Remove(producerId, out var staged) && committed)
            {
                foreach (var (group, topic, partition, offset) in staged)
                {
                    _committedOffsets[(group, topic, partition)] = offset;
                }
            }
        }
    }

    /// <summary>
    /// A producer (re)initialised <paramref name="transactionalId"/>. A Kafka coordinator aborts the previous
    /// producer's unfinished transaction at this point; the mock does not, so the ledger does, and returns the
    /// previous producer so the caller can have its abort markers written.
    /// </summary>
    public AbandonedTransaction? Fence(string transactionalId, long producerId, short epoch, TimeSpan transactionTimeout)
    {
        AbandonedTransaction? abandoned = null;
        lock (_lock)
        {
            _timeoutByProducer[producerId] = transactionTimeout;
            _identityByProducer[producerId] = (transactionalId, epoch);
            if (!_producerByTransactionalId.TryGetValue(transactionalId, out var previous) || previous == producerId)
            {
                _producerByTransactionalId[transactionalId] = producerId;
                return null;
            }

            _producerByTransactionalId[transactionalId] = producerId;
            _fencedProducers.Add(previous);
            if (_identityByProducer.TryGetValue(previous, out var identity))
            {
                abandoned = new AbandonedTransaction(identity.TransactionalId, previous, identity.Epoch);
            }

            _logger.LogInformation("Transactional id {TransactionalId}: producer {ProducerId} fenced producer {Previous}; its open transaction, if any, is aborted", transactionalId, producerId, previous);
            End(previous, committed: false);
        }

        return abandoned;
    }

    /// <summary>
    /// Aborts transactions open longer than their producer's transaction timeout, as a Kafka coordinator does. This is
    /// what ends a crashed producer's transaction when no successor reuses its transactional id (Streamiz makes the
    /// id from a process id that is new on every start when all stores are in memory).
    /// </summary>
    public List<AbandonedTransaction> AbortExpired(DateTime now)
    {
        var abandoned = new List<AbandonedTransaction>();
        lock (_lock)
        {
            List<long> expired = [.. _openSince
                .Where(o => now - o.Value > (_timeoutByProducer.TryGetValue(o.Key, out var timeout) && timeout > TimeSpan.Zero ? timeout : UnknownProducerTimeout))
                .Select(o => o.Key)];
            foreach (var producerId in expired)
            {
                _fencedProducers.Add(producerId);
                _logger.LogInformation("Producer {ProducerId}'s transaction outlived its timeout and is aborted", producerId);
                End(producerId, committed: false);
                if (_identityByProducer.TryGetValue(producerId, out var identity))
                {
                    abandoned.Add(new AbandonedTransaction(identity.TransactionalId, producerId, identity.Epoch));
                }
                else
                {
                    _logger.LogWarning("Producer {ProducerId}'s transactional id is unknown, so no abort marker can be written: a read_committed consumer's position stays before its records until something is appended after them", producerId);
                }
            }
        }

        return abandoned;
    }

    public bool TryGetCommittedOffset(string group, string topic, int partition, out long offset)
    {
        lock (_lock)
        {
            return _committedOffsets.TryGetValue((group, topic, partition), out offset);
        }
    }

    /// <summary>How a transactional batch at <paramref name="offset"/> stands; Open when not (yet) known.</summary>
    public TransactionOutcome OutcomeOf(string topic, int partition, long producerId, long offset)
    {
        lock (_lock)
        {
            if (_byPartition.TryGetValue((topic, partition), out var ranges))
            {
                for (var i = ranges.Count - 1; i >= 0; i--)
                {
                    var range = ranges[i];
                    if (range.ProducerId == producerId && range.First <= offset && offset <= range.LastKnown)
                    {
                        return range.Outcome;
                    }
                }
            }

            if (_fencedProducers.Contains(producerId))
            {
                // Appended, but its produce response never reached the ledger (the client died first), and its
                // producer has since been fenced: no commit can follow, so it is aborted, as a broker would have it.
                var partitionRanges = ranges ?? (_byPartition[(topic, partition)] = []);
                partitionRanges.Add(new TransactionRange(topic, partition, producerId, offset) { Outcome = TransactionOutcome.Aborted });
                return TransactionOutcome.Aborted;
            }

            return TransactionOutcome.Open;
        }
    }

    /// <summary>The first offset of the oldest transaction on the partition that has not ended: its last stable offset.</summary>
    public long? FirstOpenOffset(string topic, int partition)
    {
        lock (_lock)
        {
            long? first = null;
            if (_byPartition.TryGetValue((topic, partition), out var ranges))
            {
                foreach (var range in ranges)
                {
                    if (range.Outcome == TransactionOutcome.Open && (first is null || range.First < first))
                    {
                        first = range.First;
                    }
                }
            }

            return first;
        }
    }

    /// <summary>Aborted transactions on the partition that overlap [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public List<(long ProducerId, long FirstOffset)> AbortedBetween(string topic, int partition, long from, long to)
    {
        lock (_lock)
        {
            var result = new List<(long, long)>();
            if (_byPartition.TryGetValue((topic, partition), out var ranges))
            {
                foreach (var range in ranges)
                {
                    if (range.Outcome == TransactionOutcome.Aborted && range.First < to && range.LastKnown >= from)
                    {
                        result.Add((range.ProducerId, range.First));
                    }
                }
            }

            return result;
        }
    }

    private sealed class TransactionRange(string topic, int partition, long producerId, long first)
    {
        public string Topic { get; } = topic;

        public int Partition { get; } = partition;

        public long ProducerId { get; } = producerId;

        public long First { get; } = first;

        public long LastKnown { get; set; } = first;

        public TransactionOutcome Outcome { get; set; } = TransactionOutcome.Open;
    }
}
