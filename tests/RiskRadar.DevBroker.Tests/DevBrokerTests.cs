using Confluent.Kafka;
using RiskRadar.Contracts.Topics;

namespace RiskRadar.DevBroker.Tests;

public sealed class DevBrokerTests(DevBrokerProcess broker) : IClassFixture<DevBrokerProcess>
{
    [Fact]
    public async Task Two_processes_exchange_messages_through_the_broker()
    {
        const int count = 500;
        var consumer = Peer.RunAsync("consume", broker.BootstrapServers, "it.exchange", $"exchange-{Guid.NewGuid():N}", $"{count}");
        var producer = await Peer.RunAsync("produce", broker.BootstrapServers, "it.exchange", $"{count}");

        Assert.Equal((0, $"produced {count}"), producer);
        var (exitCode, output) = await consumer;
        Assert.Equal(0, exitCode);
        // Every key 0..499 arrived (their sum is 124,750), each with its own value.
        Assert.Equal($"received {count} {count * (count - 1) / 2}", output);
    }

    [Fact]
    public void A_consumer_group_of_two_splits_the_partitions()
    {
        var group = $"split-{Guid.NewGuid():N}";
        using var first = NewConsumer(group);
        using var second = NewConsumer(group);
        first.Subscribe("it.groups");
        second.Subscribe("it.groups");

        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (DateTime.UtcNow < deadline
            && !(first.Assignment.Count > 0 && second.Assignment.Count > 0 && first.Assignment.Count + second.Assignment.Count == 4))
        {
            first.Consume(TimeSpan.FromMilliseconds(100));
            second.Consume(TimeSpan.FromMilliseconds(100));
        }

        var a = first.Assignment.Select(p => p.Partition.Value).ToHashSet();
        var b = second.Assignment.Select(p => p.Partition.Value).ToHashSet();
        Assert.Equal(2, a.Count);
        Assert.Equal(2, b.Count);
        Assert.Empty(a.Intersect(b));
        Assert.Equal([0, 1, 2, 3], a.Union(b).Order());
        first.Close();
        second.Close();
    }

    [Fact]
    public void Aborted_transactional_messages_are_invisible_to_read_committed_consumers()
    {
        var run = Guid.NewGuid().ToString("N");
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            TransactionalId = $"txn-{run}",
        }).Build())
        {
            producer.InitTransactions(TimeSpan.FromSeconds(30));

            producer.BeginTransaction();
            for (var i = 0; i < 5; i++)
            {
                producer.Produce("it.txn", new Message<string, string> { Key = run, Value = $"aborted-{i}" });
            }

            // Without the flush the client would drop the queued records on abort and the broker would never see them.
            producer.Flush(TimeSpan.FromSeconds(30));
            producer.AbortTransaction(TimeSpan.FromSeconds(30));

            producer.BeginTransaction();
            for (var i = 0; i < 3; i++)
            {
                producer.Produce("it.txn", new Message<string, string> { Key = run, Value = $"committed-{i}" });
            }

            producer.CommitTransaction(TimeSpan.FromSeconds(30));
        }

        var committed = ReadRun(run, IsolationLevel.ReadCommitted, expected: 3);
        var uncommitted = ReadRun(run, IsolationLevel.ReadUncommitted, expected: 8);

        Assert.Equal(["committed-0", "committed-1", "committed-2"], committed);
        // The control: the aborted records were written and only the isolation level hides them.
        Assert.Equal(8, uncommitted.Count);
        Assert.Equal(5, uncommitted.Count(v => v.StartsWith("aborted-", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_catalog_topic_exists_with_its_partition_count()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        foreach (var topic in TopicCatalog.All)
        {
            var found = Assert.Single(metadata.Topics, t => t.Topic == topic.Name);
            Assert.Equal(topic.Partitions, found.Partitions.Count);
        }
    }

    private IConsumer<string, string> NewConsumer(string group, IsolationLevel isolation = IsolationLevel.ReadCommitted) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // The mock coordinator waits session timeout − 1 s for members to rejoin when one joins a stable group.
            SessionTimeoutMs = 6000,
            HeartbeatIntervalMs = 500,
            IsolationLevel = isolation,
            EnableAutoCommit = false,
        }).Build();

    private List<string> ReadRun(string run, IsolationLevel isolation, int expected)
    {
        using var consumer = NewConsumer($"read-{Guid.NewGuid():N}", isolation);
        consumer.Assign(new TopicPartitionOffset("it.txn", 0, Offset.Beginning));
        var values = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        // Read past the expected count for a while, so an extra (wrongly visible) record would be seen too.
        var settleUntil = DateTime.MaxValue;
        while (DateTime.UtcNow < deadline && DateTime.UtcNow < settleUntil)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message?.Key == run)
            {
                values.Add(result.Message.Value);
            }

            if (values.Count >= expected && settleUntil == DateTime.MaxValue)
            {
                settleUntil = DateTime.UtcNow.AddSeconds(2);
            }
        }

        consumer.Close();
        return values;
    }
}
