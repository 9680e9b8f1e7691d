using System.Runtime.CompilerServices;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Contracts.Topics;
using RiskRadar.Ingestion.Feeds;
using RiskRadar.Ingestion.Pipeline;
using RiskRadar.Ingestion.Publishing;
using RiskRadar.Ingestion.Tests.Support;
using RiskRadar.Ingestion.Validation;
using RiskRadar.Testing;

namespace RiskRadar.Ingestion.Tests;

/// <summary>Feed → channel → validation → the development broker: what reaches market.prices and its dead-letter topic.</summary>
public sealed class IngestionPipelineTests : IAsyncLifetime
{
    private LocalKafka _kafka = null!;

    public async Task InitializeAsync() => _kafka = await LocalKafka.StartAsync();

    public async Task DisposeAsync() => await _kafka.DisposeAsync();

    [Fact]
    public async Task Good_ticks_are_published_normalised_and_bad_ones_dead_lettered_with_their_reason()
    {
        var now = DateTimeOffset.UtcNow;
        var feed = new ListFeed(
            new RawTick("AAPL", 190, now, 1, "list"),
            new RawTick("VOD.L", 7250, now, 1, "list"),
            new RawTick("AAPL", 191, now, 1, "list"),
            new RawTick("AAPL", double.NaN, now, 2, "list"),
            new RawTick("AAPL", 300, now, 3, "list"),
            new RawTick("AAPL", 191.5, now, 4, "list"));
        using var priceProducer = new ProducerBuilder<string, PriceTick>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers })
            .SetValueSerializer(EventSerializers.PriceTickRecord).Build();
        using var deadLetterProducer = new ProducerBuilder<string?, string>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build();
        // Every other tick traced: a producer span and a traceparent header for the 1st and 3rd good tick only.
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == ServiceDefaults.Kafka.KafkaTelemetry.ActivitySourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var publisher = new PriceTickPublisher(
            priceProducer, Options.Create(new TickTracingOptions { TickSampleRatio = 0.5 }), NullLogger<PriceTickPublisher>.Instance);
        using var deadLetters = new DeadLetterPublisher(deadLetterProducer, NullLogger<DeadLetterPublisher>.Instance);
        using var pipeline = new IngestionPipeline(
            [feed, new ListFeed(enabled: false, new RawTick("AAPL", 1, now, 99, "disabled"))],
            new TickChannel(Options.Create(new ChannelOptions { Capacity = 2 })),
            TestInstruments.LoadedMaster(),
            Options.Create(new ValidationOptions()),
            publisher,
            deadLetters,
            TimeProvider.System,
            NullLogger<IngestionPipeline>.Instance);

        await pipeline.StartAsync(CancellationToken.None);
        var prices = Consume(KafkaTopics.MarketPrices, TopicCatalog.InputPartitions, 3);
        var letters = Consume(KafkaTopics.MarketPricesDeadLetter, 1, 3);
        await pipeline.StopAsync(CancellationToken.None);

        var ticks = prices.Select(m => EventSerializers.PriceTickRecord.Deserialize(m.Value, false, default)).ToList();
        Assert.Equal([("EQ.AAPL", 190.0, 1L), ("EQ.AAPL", 191.5, 4), ("EQ.VOD", 72.5, 1)], ticks.Select(t => (t.InstrumentId, Math.Round(t.Price, 9), t.Sequence)).Order());
        Assert.All(prices, m => Assert.Contains(Encoding.UTF8.GetString(m.Key), new[] { "EQ.AAPL", "EQ.VOD" }));
        Assert.Equal(2, prices.Count(m => m.Headers.TryGetLastBytes("traceparent", out _)));

        var reasons = letters.Select(m => Encoding.UTF8.GetString(m.Headers.GetLastBytes(KafkaTopics.DeadLetterReasonHeader))).ToList();
        Assert.Collection(
            reasons,
            r => Assert.StartsWith("duplicate: ", r, StringComparison.Ordinal),
            r => Assert.StartsWith("nan: ", r, StringComparison.Ordinal),
            r => Assert.StartsWith("jump-outlier: ", r, StringComparison.Ordinal));
        Assert.All(letters, m => Assert.Equal("AAPL", Encoding.UTF8.GetString(m.Key)));
        Assert.Contains("\"price\":\"NaN\"", Encoding.UTF8.GetString(letters[1].Value), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, new[] { false, false, false, false, false })]
    [InlineData(1.0, new[] { true, true, true, true, true })]
    [InlineData(0.25, new[] { true, false, false, false, true })]
    public void One_tick_in_every_one_over_the_ratio_is_traced(double ratio, bool[] expected)
    {
        using var producer = new ProducerBuilder<string, PriceTick>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers })
            .SetValueSerializer(EventSerializers.PriceTickRecord).Build();
        using var publisher = new PriceTickPublisher(producer, Options.Create(new TickTracingOptions { TickSampleRatio = ratio }), NullLogger<PriceTickPublisher>.Instance);
        Assert.Equal(expected, expected.Select(_ => publisher.Traced()));
    }

    private List<Message<byte[], byte[]>> Consume(string topic, int partitions, int expected)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = _kafka.BootstrapServers,
            GroupId = "ingestion-test-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var messages = new List<Message<byte[], byte[]>>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (messages.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message })
            {
                messages.Add(message);
            }
        }

        Assert.Equal(expected, messages.Count);
        return messages;
    }

    private sealed class ListFeed(bool enabled, params RawTick[] ticks) : IPriceFeed
    {
        public ListFeed(params RawTick[] ticks)
            : this(true, ticks)
        {
        }

        public string Name => "list";

        public bool Enabled => enabled;

        public async IAsyncEnumerable<RawTick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var tick in ticks)
            {
                await Task.Yield();
                yield return tick;
            }
        }
    }
}
