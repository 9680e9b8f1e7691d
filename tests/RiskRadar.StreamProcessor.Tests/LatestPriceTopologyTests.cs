using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using RiskRadar.StreamProcessor.Pipeline;
using RiskRadar.StreamProcessor.Serdes;
using RiskRadar.StreamProcessor.Sinks;
using RiskRadar.StreamProcessor.Tests.Pipeline;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Mock;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;

namespace RiskRadar.StreamProcessor.Tests;

public sealed class LatestPriceTopologyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_sink_receives_each_instruments_newest_tick()
    {
        var sink = new RecordingSink();
        using var driver = Driver(sink);
        var input = driver.CreateInputTopic<string, PriceTick, StringSerDes, PriceTickSerDes>(KafkaTopics.MarketPrices);
        Reference(driver, "EQ.AAPL", "EQ.MSFT");

        input.PipeInput("EQ.AAPL", Tick("EQ.AAPL", 190.0, T0, 1));
        input.PipeInput("EQ.MSFT", Tick("EQ.MSFT", 410.0, T0, 1));
        input.PipeInput("EQ.AAPL", Tick("EQ.AAPL", 191.5, T0.AddSeconds(1), 2));

        Assert.Equal([190.0, 410.0, 191.5], sink.Published.Select(t => t.Price));
    }

    [Fact]
    public void A_late_tick_never_replaces_a_newer_price()
    {
        var sink = new RecordingSink();
        using var driver = Driver(sink);
        var input = driver.CreateInputTopic<string, PriceTick, StringSerDes, PriceTickSerDes>(KafkaTopics.MarketPrices);
        Reference(driver, "FX.EURUSD");

        input.PipeInput("FX.EURUSD", Tick("FX.EURUSD", 1.0850, T0.AddSeconds(10), 7));
        input.PipeInput("FX.EURUSD", Tick("FX.EURUSD", 1.0700, T0, 6));

        Assert.Equal([1.0850], sink.Published.Select(t => t.Price));
    }

    [Fact]
    public void Ticks_the_pipeline_cannot_use_are_dead_lettered_with_their_reason_and_the_stream_goes_on()
    {
        var sink = new RecordingSink();
        using var driver = Driver(sink);
        var input = driver.CreateInputTopic<string, PriceTick, StringSerDes, PriceTickSerDes>(KafkaTopics.MarketPrices);
        var deadLetters = driver.CreateOutputTopic<string, PriceTick, StringSerDes, PriceTickSerDes>(KafkaTopics.MarketPricesDeadLetter);
        Reference(driver, "EQ.AAPL");

        input.PipeInput("EQ.NOPE", Tick("EQ.NOPE", 10, T0, 1));
        input.PipeInput("EQ.AAPL", Tick("EQ.AAPL", 0, T0, 1));
        input.PipeInput("EQ.AAPL", Tick("EQ.AAPL", -3, T0, 2));
        input.PipeInput("EQ.AAPL", new PriceTick("", 5, T0, 3, "test"));
        input.PipeInput("EQ.AAPL", Tick("EQ.AAPL", 190, T0, 4));

        var reasons = deadLetters.ReadKeyValueList()
            .Select(r => System.Text.Encoding.UTF8.GetString(r.Message.Headers.GetLastBytes(KafkaTopics.DeadLetterReasonHeader)))
            .ToList();
        Assert.Equal(["unknown-instrument: EQ.NOPE", "invalid-price: 0", "invalid-price: -3", "schema: no instrumentId"], reasons);
        Assert.Equal([190.0], sink.Published.Select(t => t.Price));
    }

    [Fact]
    public void At_equal_timestamps_the_higher_sequence_wins()
    {
        var newer = Tick("CR.BTCUSD", 65_100, T0, 11);
        var older = Tick("CR.BTCUSD", 65_000, T0, 10);
        Assert.Same(newer, NewestTick.Of(older, newer));
        Assert.Same(newer, NewestTick.Of(newer, older));

        var sink = new RecordingSink();
        using var driver = Driver(sink);
        var input = driver.CreateInputTopic<string, PriceTick, StringSerDes, PriceTickSerDes>(KafkaTopics.MarketPrices);
        Reference(driver, "CR.BTCUSD");
        input.PipeInput("CR.BTCUSD", newer);
        input.PipeInput("CR.BTCUSD", older);
        Assert.Equal([65_100.0], sink.Published.Select(t => t.Price));
    }

    [Fact]
    public void Only_ticks_the_feed_traced_are_handed_over_in_a_span_continuing_their_trace()
    {
        var started = new List<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == ServiceDefaults.Kafka.KafkaTelemetry.ActivitySourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStarted = started.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var sink = new RecordingSink();
        using var driver = Driver(sink);
        var input = driver.CreateInputTopic<string, PriceTick, StringSerDes, PriceTickSerDes>(KafkaTopics.MarketPrices);
        Reference(driver, "EQ.AAPL");

        const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var traced = new Confluent.Kafka.Headers { { "traceparent", System.Text.Encoding.UTF8.GetBytes($"00-{TraceId}-00f067aa0ba902b7-01") } };
        input.PipeInput("EQ.AAPL", Tick("EQ.AAPL", 190, T0, 1), T0.UtcDateTime, []);
        input.PipeInput("EQ.AAPL", Tick("EQ.AAPL", 191, T0.AddSeconds(1), 2), T0.UtcDateTime, traced);
        input.PipeInput("EQ.AAPL", Tick("EQ.AAPL", 192, T0.AddSeconds(2), 3), T0.UtcDateTime, []);

        Assert.Equal([190.0, 191.0, 192.0], sink.Published.Select(t => t.Price));
        var span = Assert.Single(started, a => a.OperationName.EndsWith("latest price", StringComparison.Ordinal));
        Assert.Equal(TraceId, span.TraceId.ToHexString());
    }

    [Fact]
    public void Every_state_store_of_the_topology_has_its_changelog_in_the_topic_catalog()
    {
        // The development broker cannot create topics on request; it pre-creates the catalog.
        var topology = RiskStreamService.BuildTopology(new RecordingSink(), new PipelineOptions(), ICurrentScenarioSet.Fixed(null));
        var stores = topology.Describe().SubTopologies
            .SelectMany(s => s.Nodes)
            .OfType<IProcessorNodeDescription>()
            .SelectMany(n => n.Stores)
            .Distinct()
            .ToList();

        Assert.NotEmpty(stores);
        foreach (var store in stores)
        {
            Assert.Contains(TopicCatalog.All, t => t.Name == TopicCatalog.Changelog(store) && t.Partitions == TopicCatalog.InputPartitions);
        }
    }

    [Fact]
    public void Every_topic_the_topology_reads_or_writes_is_in_the_topic_catalog()
    {
        var description = RiskStreamService.BuildTopology(new RecordingSink(), new PipelineOptions(), ICurrentScenarioSet.Fixed(null)).Describe();
        var nodes = description.SubTopologies.SelectMany(s => s.Nodes).ToList();
        var topics = nodes.OfType<ISourceNodeDescription>().SelectMany(n => n.Topics)
            .Concat(nodes.OfType<ISinkNodeDescription>().Select(n => n.Topic))
            .Concat(description.GlobalStores.Select(g => g.Source.Topics.Single()))
            .Distinct()
            .ToList();

        Assert.Contains(KafkaTopics.PortfolioPositions, topics);
        Assert.Contains(KafkaTopics.RiskAggregates, topics);
        Assert.All(topics, topic => Assert.Contains(TopicCatalog.All, t => t.Name == topic));
    }

    private static TopologyTestDriver Driver(ILatestPriceSink sink) =>
        new(RiskStreamService.BuildTopology(sink, new PipelineOptions { BookPartitions = 1 }, ICurrentScenarioSet.Fixed(null)), new StreamConfig<StringSerDes, StringSerDes>
        {
            ApplicationId = TopicCatalog.StreamApplicationId,
        });

    private static void Reference(TopologyTestDriver driver, params string[] ids)
    {
        var references = driver.CreateInputTopic<string, InstrumentReference, StringSerDes, InstrumentReferenceSerDes>(KafkaTopics.InstrumentReferences);
        foreach (var id in ids)
        {
            references.PipeInput(id, new InstrumentReference(id, id, AssetClasses.Equity, "USD", 1.0));
        }
    }

    private static PriceTick Tick(string id, double price, DateTimeOffset at, long sequence) => new(id, price, at, sequence, "test");

    /// <summary>Keeps what the topology hands to its sink, in order.</summary>
    private sealed class RecordingSink : ILatestPriceSink
    {
        public List<PriceTick> Published { get; } = [];

        public void Publish(PriceTick tick) => Published.Add(tick);
    }
}
