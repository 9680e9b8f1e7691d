using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using RiskRadar.ServiceDefaults.Kafka;
using RiskRadar.StreamProcessor.Serdes;
using RiskRadar.StreamProcessor.Sinks;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;
using Streamiz.Kafka.Net.Table;

namespace RiskRadar.StreamProcessor.Topology;

/// <summary>
/// market.prices → latest price per instrument (a changelogged store) → the latest-price sink.
/// Late ticks never replace a newer price: a table keyed by instrument keeps the newest event time.
/// </summary>
public static class LatestPriceTopology
{
    public static void Add(IKStream<string, PriceTick> ticks, ILatestPriceSink sink)
    {
        ticks
            .GroupByKey()
            .Reduce(
                Newest,
                InMemory.As<string, PriceTick, StringSerDes, PriceTickSerDes>(TopicCatalog.Stores.LatestPrices),
                "latest-price")
            .ToStream("latest-price-updates")
            .Foreach(
                (_, tick, context) =>
                {
                    // Continues the trace the feed started, so one trace shows tick → cache.
                    using var activity = KafkaTelemetry.StartProcess(context.Topic, context.Headers);
                    sink.Publish(tick);
                },
                "latest-price-sink");
    }

    internal static PriceTick Newest(PriceTick current, PriceTick candidate) =>
        candidate.Timestamp > current.Timestamp
        || (candidate.Timestamp == current.Timestamp && candidate.Sequence > current.Sequence)
            ? candidate
            : current;
}
