using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using RiskRadar.DevBroker;

namespace RiskRadar.LoadHarness;

/// <summary>
/// Produce and consume throughput of the development broker, run as its own process exactly as the AppHost runs it
/// (mock cluster behind the transactional proxy), with an idempotent acks=all producer and a read_committed consumer.
/// </summary>
internal static class DevBrokerThroughput
{
    public static async Task<int> RunAsync(HarnessOptions options)
    {
        using var broker = await StartBrokerAsync([.. options.Sizes.Select(size => $"load.{size}:{Partitions}")]);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"DevBroker throughput, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, broker, producer and consumer on the same machine");
        report.AppendLine();
        report.AppendLine("| message size | messages | produce msgs/s | produce MB/s | consume msgs/s | consume MB/s |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var size in options.Sizes)
        {
            var topic = $"load.{size}";
            var count = Math.Min(options.Messages, MessagesWithinRetention(size));
            var produced = Produce(broker.Bootstrap, topic, size, count);
            var consumed = Consume(broker.Bootstrap, topic, count);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {size} B | {count:N0} | {count / produced.TotalSeconds:N0} | {count * (double)size / produced.TotalSeconds / 1e6:N1} | {count / consumed.TotalSeconds:N0} | {count * (double)size / consumed.TotalSeconds / 1e6:N1} |");
        }

        Console.WriteLine(report);
        if (options.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return 0;
    }

    /// <summary>
    /// The mock keeps about 5 MB per partition and drops the oldest data beyond that; a run that produced more
    /// could not consume it all back, so it is sized to stay within 60% of six partitions' worth,
    /// spread evenly over them.
    /// </summary>
    private static int MessagesWithinRetention(int size) => (int)(0.6 * Partitions * 5 * 1024 * 1024 / (size + 70));

    private const int Partitions = 6;

    private static TimeSpan Produce(string bootstrap, string topic, int size, int count)
    {
        var payload = new byte[size];
        Random.Shared.NextBytes(payload);
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            BatchSize = 1_000_000,
        }).Build();
        var failures = 0;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            while (true)
            {
                try
                {
                    producer.Produce(new TopicPartition(topic, i % Partitions), new Message<Null, byte[]> { Value = payload }, r => { if (r.Error.IsError) { Interlocked.Increment(ref failures); } });
                    break;
                }
                catch (ProduceException<Null, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        stopwatch.Stop();
        return failures == 0 ? stopwatch.Elapsed : throw new InvalidOperationException($"{failures} messages were not delivered.");
    }

    private static TimeSpan Consume(string bootstrap, string topic, int count)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"load-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = IsolationLevel.ReadCommitted,
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var received = 0;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var stopwatch = Stopwatch.StartNew();
        while (received < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not null)
            {
                received++;
            }
        }

        stopwatch.Stop();
        return received == count ? stopwatch.Elapsed : throw new InvalidOperationException($"Consumed {received} of {count}.");
    }

    /// <param name="extraTopics">Topics beyond the catalog, as <c>name:partitions</c>.</param>
    internal static async Task<BrokerProcess> StartBrokerAsync(string[] extraTopics)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RiskRadar.DevBroker.dll"));
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        for (var i = 0; i < extraTopics.Length; i++)
        {
            start.ArgumentList.Add($"--DevBroker:ExtraTopics:{i}={extraTopics[i]}");
        }

        var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(DevBrokerHost.BootstrapAnnouncement, StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new BrokerProcess(process, line[DevBrokerHost.BootstrapAnnouncement.Length..]);
            }
        }

        throw new InvalidOperationException("The development broker did not start.");
    }

    internal sealed record BrokerProcess(Process Process, string Bootstrap) : IDisposable
    {
        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }
}
