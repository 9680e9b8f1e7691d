using System.Globalization;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using RiskRadar.StreamProcessor.Pipeline.Instruments;
using RiskRadar.StreamProcessor.Pipeline.Live;
using RiskRadar.StreamProcessor.Pipeline.Portfolios;
using RiskRadar.StreamProcessor.Pipeline.Screening;
using RiskRadar.StreamProcessor.Serdes;
using RiskRadar.StreamProcessor.Sinks;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;
using Streamiz.Kafka.Net.Table;
using StoreNames = RiskRadar.Contracts.Topics.TopicCatalog.Stores;

namespace RiskRadar.StreamProcessor.Pipeline;

/// <summary>
/// prices ⊕ positions (re-keyed by instrument) → instrument processor → { latest prices (the sink), book inputs (boundaries to every book
/// partition, holding changes to their portfolio's), bars, late ticks }; book inputs → portfolio
/// processor (with the daily scenario set) → <c>risk.aggregates</c>.
/// </summary>
public static class RiskPipelineTopology
{
    public static void Add(StreamBuilder builder, IKStream<string, PriceTick> ticks, ILatestPriceSink latestPrices, PipelineOptions options, ICurrentScenarioSet scenarioSets, TimeProvider clock, IProvisionalRiskSink provisional, ILiveBooks live)
    {
        builder.GlobalTable<string, InstrumentReference, StringSerDes, InstrumentReferenceSerDes>(
            KafkaTopics.InstrumentReferences, InMemory.As<string, InstrumentReference>(StoreNames.InstrumentReferences));

        InputScreening.Screen<PositionChange, PositionChangeSerDes>(
                builder.Stream<string, PositionChange, StringSerDes, PositionChangeSerDes>(KafkaTopics.PortfolioPositions, "positions-source"),
                InputRules.Position,
                KafkaTopics.PortfolioPositionsDeadLetter,
                "positions")
            .SelectKey<string>((_, position, _) => position.InstrumentId, "positions-by-instrument-key")
            .To<StringSerDes, PositionChangeSerDes>(TopicCatalog.Internal.PositionsByInstrument, "positions-by-instrument-sink");
        var positions = builder.Stream<string, PositionChange, StringSerDes, PositionChangeSerDes>(
            TopicCatalog.Internal.PositionsByInstrument, "positions-by-instrument-source");

        var outputs = ticks
            .MapValues((tick, _) => new InstrumentInput(tick, null), "ticks-as-instrument-input")
            .Merge(positions.MapValues((position, _) => new InstrumentInput(null, position), "positions-as-instrument-input"), "instrument-inputs")
            .Transform(
                TransformerBuilder.New<string, InstrumentInput, string, InstrumentOutput>()
                    .Transformer<InstrumentProcessor>(options, latestPrices)
                    .StateStore(ByteStore(InstrumentProcessor.StoreName))
                    .Build(),
                "instrument-processor");

        var branches = outputs.Branch(
            "instrument-outputs",
            (_, output, _) => output.Book is not null,
            (_, output, _) => output.Bar is not null,
            (_, output, _) => output.LateTick is not null);
        var bookInputs = branches[0].Map((_, output, _) => KeyValuePair.Create(output.BookPartition.ToString(CultureInfo.InvariantCulture), output.Book!), "book-input");
        if (options.BookEncoding == BookEncoding.Binary)
        {
            bookInputs.To<StringSerDes, BookInputBinarySerDes>(TopicCatalog.Internal.BookInputs, (_, key, _, _, partitions) => BookPartition(key, partitions, options), "book-inputs-sink");
        }
        else
        {
            bookInputs.To<StringSerDes, BookInputSerDes>(TopicCatalog.Internal.BookInputs, (_, key, _, _, partitions) => BookPartition(key, partitions, options), "book-inputs-sink");
        }

        branches[1].MapValues((output, _) => output.Bar!, "bar")
            .To<StringSerDes, InstrumentBarSerDes>(KafkaTopics.MarketBars, "bars-sink");
        branches[2].MapValues((output, _) => output.LateTick!, "late-tick")
            .To<StringSerDes, PriceTickJsonSerDes>(KafkaTopics.MarketPricesDeadLetter, "late-ticks-sink");

        builder.Stream<string, BookInput, StringSerDes, BookInputSerDes>(TopicCatalog.Internal.BookInputs, "book-inputs-source")
            .Transform(
                TransformerBuilder.New<string, BookInput, string, RiskAggregate>()
                    .Transformer<PortfolioProcessor>(options, scenarioSets, clock, provisional, live)
                    .StateStore(ByteStore(PortfolioProcessor.StoreName))
                    .Build(),
                "portfolio-processor")
            .To<StringSerDes, RiskAggregateSerDes>(KafkaTopics.RiskAggregates, "risk-aggregates-sink");
    }

    /// <summary>
    /// The partition the instrument task chose. It counted on <see cref="PipelineOptions.BookPartitions"/> partitions
    /// when it sent a boundary to each: a topic with another count would leave books without some instruments.
    /// </summary>
    private static Confluent.Kafka.Partition BookPartition(string key, int partitions, PipelineOptions options) =>
        partitions == options.BookPartitions
            ? new Confluent.Kafka.Partition(int.Parse(key, CultureInfo.InvariantCulture))
            : throw new InvalidOperationException(
                $"{TopicCatalog.Internal.BookInputs} has {partitions} partitions; StreamProcessor:Pipeline:BookPartitions says {options.BookPartitions}. Create the topic from the catalog or set the option to match.");

    /// <summary>
    /// A changelogged byte store behind Streamiz's record cache: a key written many times between commits (an
    /// instrument's bars on every tick) reaches the changelog once per commit.
    /// </summary>
    private static Streamiz.Kafka.Net.State.IStoreBuilder ByteStore(string name) =>
        Streamiz.Kafka.Net.State.Stores.KeyValueStoreBuilder(
                Streamiz.Kafka.Net.State.Stores.InMemoryKeyValueStore(name), new StringSerDes(), new ByteArraySerDes())
            .WithCachingEnabled();
}
