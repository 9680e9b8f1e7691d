using System.Runtime.InteropServices;
using System.Text;
using RiskRadar.Contracts.Topics;
using RiskRadar.DevBroker.Native;

namespace RiskRadar.DevBroker;

/// <summary>
/// A librdkafka mock cluster: real Kafka wire protocol (produce, fetch, consumer groups, offsets,
/// idempotence and transactions) served from memory on an ephemeral 127.0.0.1 port.
/// It cannot create topics on request (no CreateTopics API), so topics are created here up front.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;
    private bool _disposed;

    private MockKafkaCluster(IntPtr handle, IntPtr cluster, int brokerCount)
    {
        _handle = handle;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(LibRdKafka.MockClusterBootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
    }

    /// <summary>The brokers' own listeners in broker-id order, as <c>127.0.0.1:port[,...]</c>.</summary>
    public string BootstrapServers { get; }

    public int BrokerCount { get; }

    public static string LibrdkafkaVersion => LibRdKafka.Version;

    public static MockKafkaCluster Start(int brokerCount, TimeSpan groupInitialRebalanceDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        var errors = new byte[512];
        var conf = LibRdKafka.ConfNew();
        // The mock cluster lives inside a client instance; its own connections are irrelevant and quiet.
        Set(conf, "log_level", "3", errors);
        Set(conf, "client.id", "riskradar-devbroker", errors);

        var handle = LibRdKafka.New(LibRdKafka.ProducerType, conf, errors, (nuint)errors.Length);
        if (handle == IntPtr.Zero)
        {
            LibRdKafka.ConfDestroy(conf);
            throw new InvalidOperationException($"rd_kafka_new failed: {Text(errors)}");
        }

        var cluster = LibRdKafka.MockClusterNew(handle, brokerCount);
        if (cluster == IntPtr.Zero)
        {
            LibRdKafka.Destroy(handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed: no listener could be bound on 127.0.0.1.");
        }

        LibRdKafka.MockGroupInitialRebalanceDelayMs(cluster, (int)groupInitialRebalanceDelay.TotalMilliseconds);
        return new MockKafkaCluster(handle, cluster, brokerCount);
    }

    public void CreateTopic(TopicSpec topic)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var err = LibRdKafka.MockTopicCreate(_cluster, topic.Name, topic.Partitions, Math.Min(3, BrokerCount));
        if (err != 0)
        {
            throw new InvalidOperationException($"Creating topic '{topic.Name}' failed: {LibRdKafka.ErrorText(err)}");
        }
    }

    /// <summary>Makes metadata advertise <paramref name="host"/>:<paramref name="port"/> for a broker (1-based id).</summary>
    public void Advertise(int brokerId, string host, int port)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        LibRdKafka.MockBrokerSetHostPort(_cluster, brokerId, host, port);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        LibRdKafka.MockClusterDestroy(_cluster);
        LibRdKafka.Destroy(_handle);
    }

    private static void Set(IntPtr conf, string name, string value, byte[] errors)
    {
        if (LibRdKafka.ConfSet(conf, name, value, errors, (nuint)errors.Length) != LibRdKafka.ConfOk)
        {
            LibRdKafka.ConfDestroy(conf);
            throw new InvalidOperationException($"rd_kafka_conf_set({name}) failed: {Text(errors)}");
        }
    }

    private static string Text(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
