using System.Diagnostics.Metrics;
using Confluent.Kafka;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using RiskRadar.ServiceDefaults;
using RiskRadar.ServiceDefaults.Kafka;

namespace RiskRadar.Ingestion.Publishing;

/// <summary>
/// Produces ticks to <c>market.prices</c>, keyed by instrument so one instrument's ticks stay ordered in one
/// partition. The producer is idempotent; delivery failures are counted and logged, never ignored.
/// </summary>
public sealed class PriceTickPublisher(IProducer<string, PriceTick> producer, ILogger<PriceTickPublisher> logger) : IDisposable
{
    private static readonly Counter<long> Published = RiskRadarTelemetry.Meter.CreateCounter<long>("riskradar.ingestion.ticks.published", "{tick}");
    private static readonly Counter<long> Failed = RiskRadarTelemetry.Meter.CreateCounter<long>("riskradar.ingestion.ticks.failed", "{tick}");

    public void Publish(PriceTick tick)
    {
        var message = new Message<string, PriceTick> { Key = tick.InstrumentId, Value = tick, Headers = [] };
        using var activity = KafkaTelemetry.StartProduce(KafkaTopics.MarketPrices, message.Headers);
        producer.Produce(KafkaTopics.MarketPrices, message, report =>
        {
            if (report.Error.IsError)
            {
                Failed.Add(1);
                logger.LogError("Tick {Instrument}#{Sequence} was not delivered: {Reason}", tick.InstrumentId, tick.Sequence, report.Error.Reason);
            }
            else
            {
                Published.Add(1);
            }
        });
    }

    public void Dispose() => producer.Flush(TimeSpan.FromSeconds(10));
}
