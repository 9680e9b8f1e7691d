using Confluent.Kafka;

namespace RiskRadar.DevBroker.Tests;

/// <summary>
/// The transaction semantics the mock cluster lacks and the proxy completes: last stable offset, aborts on
/// re-initialisation (a crashed producer), and consumer offsets committed inside transactions.
/// </summary>
public sealed class TransactionTests(DevBrokerProcess broker) : IClassFixture<DevBrokerProcess>
{
    [Fact]
    public void An_open_transaction_is_invisible_until_it_commits()
    {
        var run = Guid.NewGuid().ToString("N");
        using var producer = NewTransactionalProducer($"open-{run}");
        producer.BeginTransaction();
        Produce(producer, run, "pending", 4);

        Assert.Empty(Read(run, IsolationLevel.ReadCommitted, TimeSpan.FromSeconds(3)));

        producer.CommitTransaction(TimeSpan.FromSeconds(30));
        Assert.Equal(4, Read(run, IsolationLevel.ReadCommitted, TimeSpan.FromSeconds(5), expected: 4).Count);
    }

    [Fact]
    public void A_crashed_producers_transaction_is_aborted_when_its_successor_initialises()
    {
        var run = Guid.NewGuid().ToString("N");
        var transactionalId = $"crash-{run}";
        var crashed = NewTransactionalProducer(transactionalId);
        crashed.BeginTransaction();
        Produce(crashed, run, "lost", 3);
        // No commit and no abort: the process is gone. (Disposing sends neither.)
        crashed.Dispose();

        using var successor = NewTransactionalProducer(transactionalId);
        successor.BeginTransaction();
        Produce(successor, run, "kept", 2);
        successor.CommitTransaction(TimeSpan.FromSeconds(30));

        var values = Read(run, IsolationLevel.ReadCommitted, TimeSpan.FromSeconds(5), expected: 2);
        Assert.Equal(["kept-0", "kept-1"], values);
        Assert.Equal(5, Read(run, IsolationLevel.ReadUncommitted, TimeSpan.FromSeconds(5), expected: 5).Count);
    }

    /// <summary>
    /// A Streamiz task restores a store until its restore consumer's position reaches the changelog's end. Records of
    /// an aborted transaction are never delivered, so only the abort marker after them moves the position there: a
    /// restart after a crash mid-transaction otherwise waited in restoration for ever (the crash test's stall).
    /// </summary>
    [Fact]
    public void A_fenced_transaction_at_the_end_of_a_partition_ends_in_a_marker_read_committed_consumers_pass()
    {
        var run = Guid.NewGuid().ToString("N");
        var transactionalId = $"tail-{run}";
        var crashed = NewTransactionalProducer(transactionalId);
        crashed.BeginTransaction();
        Produce(crashed, run, "lost", 3);
        var afterLost = HighWatermark();
        crashed.Dispose();

        // Initialising the same id is what the restarted StreamProcessor does first (PredecessorFencing).
        NewTransactionalProducer(transactionalId).Dispose();

        AssertReadCommittedPositionReaches(afterLost + 1, run, TimeSpan.FromSeconds(10));
    }

    /// <summary>A producer that was only paused, not dead, must not commit what its successor's start aborted.</summary>
    [Fact]
    public void A_zombie_producer_cannot_commit_after_its_successor_initialises()
    {
        var run = Guid.NewGuid().ToString("N");
        var transactionalId = $"zombie-{run}";
        using var zombie = NewTransactionalProducer(transactionalId);
        zombie.BeginTransaction();
        Produce(zombie, run, "zombie", 2);

        using var successor = NewTransactionalProducer(transactionalId);

        Assert.ThrowsAny<KafkaException>(() => zombie.CommitTransaction(TimeSpan.FromSeconds(30)));
        Assert.Empty(Read(run, IsolationLevel.ReadCommitted, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void An_expired_transaction_at_the_end_of_a_partition_ends_in_a_marker_read_committed_consumers_pass()
    {
        var run = Guid.NewGuid().ToString("N");
        var abandoned = NewTransactionalProducer($"expired-{run}", transactionTimeoutMs: 2_000);
        abandoned.BeginTransaction();
        Produce(abandoned, run, "lost", 3);
        var afterLost = HighWatermark();
        abandoned.Dispose();

        AssertReadCommittedPositionReaches(afterLost + 1, run, TimeSpan.FromSeconds(15));
    }

    /// <summary>
    /// A crashed producer whose transactional id is never used again (Streamiz's ids change on every start) must not
    /// block read_committed readers forever: its transaction is aborted once its transaction timeout passes.
    /// </summary>
    [Fact]
    public void An_abandoned_transaction_is_aborted_after_its_timeout()
    {
        var run = Guid.NewGuid().ToString("N");
        var abandoned = NewTransactionalProducer($"abandoned-{run}", transactionTimeoutMs: 2_000);
        abandoned.BeginTransaction();
        Produce(abandoned, run, "lost", 3);
        abandoned.Dispose();

        using var other = NewTransactionalProducer($"other-{run}");
        other.BeginTransaction();
        Produce(other, run, "kept", 2);
        other.CommitTransaction(TimeSpan.FromSeconds(30));

        Assert.Empty(Read(run, IsolationLevel.ReadCommitted, TimeSpan.FromSeconds(1)));
        Assert.Equal(["kept-0", "kept-1"], Read(run, IsolationLevel.ReadCommitted, TimeSpan.FromSeconds(8), expected: 2));
    }

    /// <summary>
    /// A Streamiz application restores global stores up to this offset before its producers start; had it been the
    /// high watermark, a restart after a crash would wait forever behind the crashed producer's open transaction.
    /// </summary>
    [Fact]
    public void A_read_committed_end_offset_query_answers_the_last_stable_offset()
    {
        var run = Guid.NewGuid().ToString("N");
        var partition = new TopicPartition("it.txn", 0);
        using var committed = NewTransactionalProducer($"lso-a-{run}");
        committed.BeginTransaction();
        Produce(committed, run, "done", 2);
        committed.CommitTransaction(TimeSpan.FromSeconds(30));
        using var open = NewTransactionalProducer($"lso-b-{run}");
        open.BeginTransaction();
        Produce(open, run, "pending", 3);

        using var readCommitted = NewConsumer($"lso-{run}");
        using var readUncommitted = NewConsumer($"lso-u-{run}", IsolationLevel.ReadUncommitted);
        var stable = readCommitted.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;
        var high = readUncommitted.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;

        Assert.True(high - stable >= 3, $"high watermark {high}, read_committed end {stable}: the open transaction's 3 records must lie beyond the latter");
        open.AbortTransaction(TimeSpan.FromSeconds(30));
        Assert.True(readCommitted.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value >= high);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Offsets_sent_to_a_transaction_count_only_if_it_commits(bool commit)
    {
        var run = Guid.NewGuid().ToString("N");
        var group = $"eos-{run}";
        using (var seed = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                seed.Produce(new TopicPartition("it.txn", 0), new Message<string, string> { Key = run, Value = $"input-{i}" });
            }

            seed.Flush(TimeSpan.FromSeconds(30));
        }

        long endOffset;
        using (var consumer = NewConsumer(group))
        {
            endOffset = consumer.QueryWatermarkOffsets(new TopicPartition("it.txn", 0), TimeSpan.FromSeconds(10)).High.Value;
            consumer.Assign(new TopicPartitionOffset("it.txn", 0, Offset.Beginning));
            using var producer = NewTransactionalProducer($"eos-{run}");
            producer.BeginTransaction();
            producer.SendOffsetsToTransaction([new TopicPartitionOffset("it.txn", 0, endOffset)], consumer.ConsumerGroupMetadata, TimeSpan.FromSeconds(30));
            if (commit)
            {
                producer.CommitTransaction(TimeSpan.FromSeconds(30));
            }
            else
            {
                producer.AbortTransaction(TimeSpan.FromSeconds(30));
            }
        }

        using var resumed = NewConsumer(group);
        var committed = resumed.Committed([new TopicPartition("it.txn", 0)], TimeSpan.FromSeconds(10)).Single().Offset;
        Assert.Equal(commit ? new Offset(endOffset) : Offset.Unset, committed);
    }

    /// <summary>The high watermark as a read_uncommitted consumer sees it: every appended record and marker counts.</summary>
    private long HighWatermark()
    {
        using var consumer = NewConsumer($"hw-{Guid.NewGuid():N}", IsolationLevel.ReadUncommitted);
        return consumer.QueryWatermarkOffsets(new TopicPartition("it.txn", 0), TimeSpan.FromSeconds(10)).High.Value;
    }

    /// <summary>
    /// Reads the partition read_committed until the consumer's position is <paramref name="end"/> — exactly one marker
    /// past the aborted records — and the high watermark is no further; none of the run's records may be delivered.
    /// </summary>
    private void AssertReadCommittedPositionReaches(long end, string run, TimeSpan timeout)
    {
        var partition = new TopicPartition("it.txn", 0);
        using var consumer = NewConsumer($"position-{Guid.NewGuid():N}");
        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        var deadline = DateTime.UtcNow + timeout;
        long position = -1;
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            Assert.False(result?.Message?.Key == run, $"an aborted record was delivered: {result?.Message?.Value}");
            position = consumer.Position(partition).Value;
            if (position >= end)
            {
                break;
            }
        }

        Assert.Equal(end, position);
        Assert.Equal(end, HighWatermark());
    }

    private IProducer<string, string> NewTransactionalProducer(string transactionalId, int? transactionTimeoutMs = null)
    {
        var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            TransactionalId = transactionalId,
            TransactionTimeoutMs = transactionTimeoutMs,
        }).Build();
        producer.InitTransactions(TimeSpan.FromSeconds(30));
        return producer;
    }

    private static void Produce(IProducer<string, string> producer, string run, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            producer.Produce("it.txn", new Message<string, string> { Key = run, Value = $"{prefix}-{i}" });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }

    private IConsumer<string, string> NewConsumer(string group, IsolationLevel isolation = IsolationLevel.ReadCommitted) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = isolation,
            EnableAutoCommit = false,
        }).Build();

    private List<string> Read(string run, IsolationLevel isolation, TimeSpan window, int expected = int.MaxValue)
    {
        using var consumer = NewConsumer($"read-{Guid.NewGuid():N}", isolation);
        consumer.Assign(new TopicPartitionOffset("it.txn", 0, Offset.Beginning));
        var values = new List<string>();
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message?.Key == run)
            {
                values.Add(result.Message.Value);
                if (values.Count >= expected)
                {
                    // Keep reading briefly so a record that should stay hidden would still show up.
                    deadline = DateTime.UtcNow.AddSeconds(1);
                    expected = int.MaxValue;
                }
            }
        }

        consumer.Close();
        return values;
    }
}
