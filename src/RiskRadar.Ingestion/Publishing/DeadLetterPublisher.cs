using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using RiskRadar.Contracts.Topics;
using RiskRadar.Ingestion.Feeds;
using RiskRadar.ServiceDefaults;

namespace RiskRadar.Ingestion.Publishing;

/// <summary>
/// Sends rejected input to <c>market.prices.dlq</c>: the original payload as the value, the instrument as given as
/// the key and <c>dlq.reason</c> = "&lt;code&gt;: &lt;detail&gt;", counting each reason, so nothing is dropped silently.
/// </summary>
public sealed class DeadLetterPublisher(IProducer<string?, string> producer, ILogger<DeadLetterPublisher> logger) : IDeadLetterSink, IDisposable
{
    private static readonly Counter<long> Rejected = RiskRadarTelemetry.Meter.CreateCounter<long>(
        "riskradar.ingestion.ticks.rejected", "{tick}", "Ticks dead-lettered, by reason code");

    public void Publish(string? key, string payload, string code, string detail)
    {
        Rejected.Add(1, new KeyValuePair<string, object?>("reason", code));
        logger.LogDebug("Dead-lettering {Key}: {Code}: {Detail}", key, code, detail);
        var headers = new Headers { { KafkaTopics.DeadLetterReasonHeader, Encoding.UTF8.GetBytes($"{code}: {detail}") } };
        producer.Produce(KafkaTopics.MarketPricesDeadLetter, new Message<string?, string> { Key = key, Value = payload, Headers = headers }, report =>
        {
            if (report.Error.IsError)
            {
                logger.LogError("Dead letter {Key} ({Code}) was not delivered: {Reason}", key, code, report.Error.Reason);
            }
        });
    }

    public void Dispose() => producer.Flush(TimeSpan.FromSeconds(5));
}
