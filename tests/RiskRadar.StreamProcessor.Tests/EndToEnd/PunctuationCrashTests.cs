using System.Globalization;
using Confluent.Kafka;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Contracts.Topics;
using RiskRadar.Testing;
using Xunit.Abstractions;

namespace RiskRadar.StreamProcessor.Tests.EndToEnd;

/// <summary>
/// A window closed by the clock (a stalled instrument) rather than by a record, then a SIGKILL before the book task
/// processes anything else: the restarted processor must not close that window again.
/// </summary>
/// <remarks>
/// Streamiz asks a task for a commit only after it processed a record. Until 2026-12-03 the windows a punctuation
/// emitted were committed by the next transaction of the thread (another task's records), while the book's advanced
/// boundary stayed in its store cache, unflushed: the restarted task re-emitted them (seen as a doubled window in the
/// three-kill replay about one run in three on a loaded machine).
/// </remarks>
[Collection(nameof(PipelineReplayTests))]
public sealed class PunctuationCrashTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> s_stallQuickly = new()
    {
        ["StreamProcessor__Pipeline__StallTimeout"] = "00:00:03",
    };

    [Fact]
    public async Task Windows_a_stall_closed_are_not_emitted_again_after_a_crash()
    {
        await using var servers = await LocalServers.StartAsync();
        var stateDirectory = Path.Combine(servers.Kafka.DataDirectory, "stream-state");
        await ReplayBook.PublishReferenceDataAsync(servers.Kafka.BootstrapServers);
        var start = ReplayBook.Start;
        var processor = await StreamProcessorProcess.StartAsync(servers, stateDirectory, s_stallQuickly);
        try
        {
            // EQ.A moves through two boundaries; CR.C, also held by P-USD, prices once and then stalls. FX.EURUSD, held
            // by nobody, starts after the second boundary.
            await ReplayBook.PublishTicksAsync(servers.Kafka.BootstrapServers,
                [new PriceTick("CR.C", 40_000, start.AddMilliseconds(500), 1, "test"), new PriceTick("FX.EURUSD", 1.08, start.AddSeconds(20.5), 1, "test"),
                 .. Ticks("EQ.A", 100, start, start.AddSeconds(21), 500, 2)]);

            // Then only FX.EURUSD ticks, inside one boundary step: the thread keeps committing while the book task gets
            // no record of its own, as when the clock closes windows between two bursts of boundaries.
            using var reader = new AggregateReader(servers.Kafka.BootstrapServers);
            using var stopFiller = new CancellationTokenSource();
            var filler = Task.Run(async () =>
            {
                foreach (var tick in Ticks("FX.EURUSD", 1.08, start.AddSeconds(20.6), start.AddSeconds(29), 10, 2))
                {
                    await ReplayBook.PublishTicksAsync(servers.Kafka.BootstrapServers, [tick]);
                    await Task.Delay(100, stopFiller.Token);
                }
            });
            await reader.WaitForAsync("P-USD", start.AddSeconds(20), TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(1));
            await processor.KillAsync();
            output.WriteLine($"killed at {DateTime.UtcNow:O}");
            await stopFiller.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => filler);

            processor = await StreamProcessorProcess.StartAsync(servers, stateDirectory, s_stallQuickly);
            await ReplayBook.PublishTicksAsync(servers.Kafka.BootstrapServers, Ticks("EQ.A", 101, start.AddSeconds(22), start.AddSeconds(31), 500, 100_000));
            await reader.WaitForAsync("P-USD", start.AddSeconds(30), TimeSpan.FromSeconds(90));
            await Task.Delay(TimeSpan.FromSeconds(4)); // anything emitted again would be at least a stall timeout later
            reader.Drain();

            var usd = reader.Received.Where(a => a.PortfolioId == "P-USD" && a.Window == "10s").Select(a => a.WindowEnd).ToList();
            Assert.True(usd.Distinct().Count() == usd.Count, $"P-USD's 10s windows, some emitted twice: {string.Join(", ", usd.Select(e => e.ToString("HH:mm:ss", CultureInfo.InvariantCulture)))}");
            Assert.Contains(start.AddSeconds(10), usd);
            Assert.Contains(start.AddSeconds(30), usd);
        }
        catch
        {
            output.WriteLine(processor.Output);
            throw;
        }
        finally
        {
            await processor.DisposeAsync();
        }
    }

    /// <summary>Ticks every <paramref name="stepMs"/> of stream time from <paramref name="from"/> to <paramref name="to"/>, the price stepping up.</summary>
    private static IEnumerable<PriceTick> Ticks(string instrument, double price, DateTimeOffset from, DateTimeOffset to, int stepMs, long firstSequence)
    {
        var sequence = firstSequence;
        for (var at = from; at <= to; at = at.AddMilliseconds(stepMs), price *= 1.0001)
        {
            yield return new PriceTick(instrument, price, at, sequence++, "test");
        }
    }

    /// <summary>The final topic as a read_committed consumer sees it, from the beginning.</summary>
    private sealed class AggregateReader : IDisposable
    {
        private readonly IConsumer<string, byte[]> _consumer;

        public AggregateReader(string bootstrapServers)
        {
            _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = "e2e-punctuation-" + Guid.NewGuid().ToString("N"),
                IsolationLevel = IsolationLevel.ReadCommitted,
                EnableAutoCommit = false,
            }).Build();
            _consumer.Assign(Enumerable.Range(0, TopicCatalog.InputPartitions).Select(p => new TopicPartitionOffset(KafkaTopics.RiskAggregates, p, Offset.Beginning)));
        }

        public List<RiskAggregate> Received { get; } = [];

        public async Task WaitForAsync(string portfolioId, DateTimeOffset windowEnd, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!Received.Any(a => a.PortfolioId == portfolioId && a.Window == "10s" && a.WindowEnd == windowEnd))
            {
                Assert.True(DateTime.UtcNow < deadline, $"No 10s window of {portfolioId} ending {windowEnd:HH:mm:ss} within {timeout.TotalSeconds:0} s; received "
                    + string.Join(", ", Received.Select(a => $"{a.PortfolioId} {a.Window} {a.WindowEnd:HH:mm:ss}")));
                if (_consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message })
                {
                    Received.Add(EventSerializers.RiskAggregate.Deserialize(message.Value, false, default));
                }
            }

            await Task.CompletedTask;
        }

        public void Drain()
        {
            while (_consumer.Consume(TimeSpan.FromMilliseconds(500)) is { Message: { } message })
            {
                Received.Add(EventSerializers.RiskAggregate.Deserialize(message.Value, false, default));
            }
        }

        public void Dispose() => _consumer.Dispose();
    }
}
