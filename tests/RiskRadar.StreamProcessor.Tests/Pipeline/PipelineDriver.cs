using System.Text;
using Microsoft.Extensions.Time.Testing;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using RiskRadar.StreamProcessor.Pipeline;
using RiskRadar.StreamProcessor.Pipeline.Live;
using RiskRadar.StreamProcessor.Serdes;
using RiskRadar.StreamProcessor.Sinks;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Mock;
using Streamiz.Kafka.Net.SerDes;

namespace RiskRadar.StreamProcessor.Tests.Pipeline;

/// <summary>The whole topology under Streamiz's TopologyTestDriver, with typed inputs and outputs.</summary>
internal sealed class PipelineDriver : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly TopologyTestDriver _driver;
    private readonly TestInputTopic<string, PriceTick> _prices;
    private readonly TestInputTopic<string, PositionChange> _positions;
    private readonly TestInputTopic<string, InstrumentReference> _references;
    private readonly TestOutputTopic<string, RiskAggregate> _aggregates;
    private readonly TestOutputTopic<string, InstrumentBar> _bars;
    private readonly TestOutputTopic<string, PriceTick> _deadLetters;
    private readonly Dictionary<string, long> _versions = [];
    private readonly TestOutputTopic<string, PositionChange> _positionDeadLetters;
    private readonly TestOutputTopic<string, BookInput> _bookInputs;
    private readonly Action<PriceTick>? _feed;

    /// <param name="live">The watched books (none unless given).</param>
    /// <param name="feed">Also given every tick piped in, as the feed writes it to <c>market.prices</c> (for readers beside the topology).</param>
    public PipelineDriver(PipelineOptions options, ScenarioSet? scenarioSet, ILiveBooks? live = null, Action<PriceTick>? feed = null)
    {
        _feed = feed;
        ScenarioSet = scenarioSet;
        // The test driver's topics have one partition: one book task sees every boundary once.
        options.BookPartitions = 1;
        Options = options;
        _driver = new TopologyTestDriver(
            RiskStreamService.BuildTopology(
                new NoSink(), options, ICurrentScenarioSet.Fixed(scenarioSet), Clock, new ProvisionalRecorder(Provisional, ProvisionalBatches), live),
            new StreamConfig<StringSerDes, StringSerDes> { ApplicationId = TopicCatalog.StreamApplicationId });
        _prices = _driver.CreateInputTopic<string, PriceTick, StringSerDes, PriceTickSerDes>(KafkaTopics.MarketPrices);
        _positions = _driver.CreateInputTopic<string, PositionChange, StringSerDes, PositionChangeSerDes>(KafkaTopics.PortfolioPositions);
        _references = _driver.CreateInputTopic<string, InstrumentReference, StringSerDes, InstrumentReferenceSerDes>(KafkaTopics.InstrumentReferences);
        _aggregates = _driver.CreateOutputTopic<string, RiskAggregate, StringSerDes, RiskAggregateSerDes>(KafkaTopics.RiskAggregates);
        _bars = _driver.CreateOutputTopic<string, InstrumentBar, StringSerDes, InstrumentBarSerDes>(KafkaTopics.MarketBars);
        _deadLetters = _driver.CreateOutputTopic<string, PriceTick, StringSerDes, PriceTickSerDes>(KafkaTopics.MarketPricesDeadLetter);
        _positionDeadLetters = _driver.CreateOutputTopic<string, PositionChange, StringSerDes, PositionChangeSerDes>(KafkaTopics.PortfolioPositionsDeadLetter);
        _bookInputs = _driver.CreateOutputTopic<string, BookInput, StringSerDes, BookInputSerDes>(TopicCatalog.Internal.BookInputs);
    }

    /// <summary>What the instrument stage wrote to the book topic since the last call.</summary>
    public List<BookInput> BookInputs() => _bookInputs.ReadValueList().ToList();

    /// <summary>A position change exactly as given, bypassing the driver's bookkeeping (for malformed ones).</summary>
    public void RawPosition(PositionChange change)
    {
        _positions.PipeInput(change.PortfolioId ?? "", change);
    }

    public List<(PositionChange Change, string Reason)> PositionDeadLetters() =>
        _positionDeadLetters.ReadKeyValueList()
            .Select(r => (r.Message.Value, Encoding.UTF8.GetString(r.Message.Headers.GetLastBytes(KafkaTopics.DeadLetterReasonHeader))))
            .ToList();

    public PipelineOptions Options { get; }

    public ScenarioSet? ScenarioSet { get; }

    public List<PriceTick> Ticks { get; } = [];

    public List<RiskAggregate> Aggregates { get; } = [];

    /// <summary>Every provisional figure the book tasks published, in order.</summary>
    public List<ProvisionalRisk> Provisional { get; } = [];

    /// <summary>How many figures each refresh published.</summary>
    public List<int> ProvisionalBatches { get; } = [];

    public List<InstrumentBar> Bars { get; } = [];

    public List<(PriceTick Tick, string Reason)> DeadLetters { get; } = [];

    public void Reference(string id, string assetClass, string currency) =>
        _references.PipeInput(id, new InstrumentReference(id, id, assetClass, currency, 1.0));

    public void Reference(InstrumentReference reference) => _references.PipeInput(reference.InstrumentId, reference);

    public void Tick(string id, double seconds, double price)
    {
        var tick = new PriceTick(id, price, T0.AddSeconds(seconds), Ticks.Count(t => t.InstrumentId == id) + 1, "test");
        Ticks.Add(tick);
        _feed?.Invoke(tick);
        _prices.PipeInput(id, tick, tick.Timestamp.UtcDateTime, new Confluent.Kafka.Headers());
    }

    public void Position(string portfolio, string instrument, double quantity, string baseCurrency = "USD", string tenant = "t1")
    {
        var version = _versions[portfolio] = _versions.GetValueOrDefault(portfolio) + 1;
        var change = new PositionChange(portfolio, tenant, instrument, quantity, baseCurrency, version, T0);
        _positions.PipeInput(change.Key, change);
    }

    /// <summary>The wall clock of stall timeouts: it moves only when a test moves it.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Moves the wall clock on, and lets the punctuations due within that time run.</summary>
    public void AdvanceWallClock(TimeSpan by)
    {
        Clock.Advance(by);
        _driver.AdvanceWallClockTime(by);
    }

    public void Drain()
    {
        Aggregates.AddRange(_aggregates.ReadValueList());
        Bars.AddRange(_bars.ReadValueList());
        foreach (var record in _deadLetters.ReadKeyValueList())
        {
            var reason = Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(KafkaTopics.DeadLetterReasonHeader));
            DeadLetters.Add((record.Message.Value, reason));
        }
    }

    public RiskAggregate Aggregate(string portfolio, string window, double endSeconds) =>
        Aggregates.Single(a => a.PortfolioId == portfolio && a.Window == window && a.WindowEnd == T0.AddSeconds(endSeconds));

    public static long Ms(double seconds) => T0.AddSeconds(seconds).ToUnixTimeMilliseconds();

    public void Dispose() => _driver.Dispose();

    private sealed class NoSink : ILatestPriceSink
    {
        public void Publish(PriceTick tick)
        {
        }
    }

    private sealed class ProvisionalRecorder(List<ProvisionalRisk> figures, List<int> batches) : IProvisionalRiskSink
    {
        public void Publish(IReadOnlyList<ProvisionalRisk> published)
        {
            figures.AddRange(published);
            batches.Add(published.Count);
        }
    }
}
