using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using RiskRadar.ServiceDefaults;
using RiskRadar.ServiceDefaults.Kafka;

namespace RiskRadar.Ingestion.Publishing;

/// <summary>
/// Produces ticks to <c>market.prices</c>, keyed by instrument so one instrument's ticks stay ordered in one
/// partition. The producer is idempotent; delivery failures are counted and logged, never ignored. One tick in
/// <see cref="TickTracingOptions.TickSampleRatio"/>⁻¹ is traced.
/// </summary>
public sealed class PriceTickPublisher(
    IProducer<string, PriceTick> producer, IOptions<TickTracingOptions> tracing, ILogger<PriceTickPublisher> logger) : IDisposable
{
    private readonly long _traceEvery = tracing.Value.TickSampleRatio <= 0 ? 0 : (long)Math.Round(1.0 / tracing.Value.TickSampleRatio);
    private long _ticks;

    private static readonly Counter<long> Published = RiskRadarTelemetry.Meter.CreateCounter<long>("riskradar.ingestion.ticks.published", "{tick}");
    private static readonly Counter<long> Failed = RiskRadarTelemetry.Meter.CreateCounter<long>("riskradar.ingestion.ticks.failed", "{tick}");

    public void Publish(PriceTick tick)
    {
        var message = new Message<string, PriceTick> { Key = tick.InstrumentId, Value = tick, Headers = [] };
        using var activity = Traced() ? KafkaTelemetry.StartProduce(KafkaTopics.MarketPrices, message.Headers) : null;
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

    /// <summary>Every n-th tick (the first included), counted across the feeds that share the publisher.</summary>
    internal bool Traced() => _traceEvery > 0 && (Interlocked.Increment(ref _ticks) - 1) % _traceEvery == 0;

    public void Dispose() => producer.Flush(TimeSpan.FromSeconds(10));
}
