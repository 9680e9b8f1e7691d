using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Contracts.Topics;
using RiskRadar.ServiceDefaults;
using RiskRadar.ServiceDefaults.Kafka;

namespace RiskRadar.StreamProcessor.Sinks.Aggregates;

/// <summary>
/// Reads committed results (<c>risk.aggregates</c>, <c>market.bars</c>) and hands each batch to every sink in order,
/// committing the offsets only after all of them succeeded. A failing sink stops progress (with retries and
/// back-off) rather than skipping records: nothing accepted is lost, and replays are absorbed by idempotent sinks.
/// </summary>
public sealed class RiskResultSinkService(
    KafkaClientFactory kafka,
    IEnumerable<IRiskResultSink> sinks,
    IOptions<StreamProcessorOptions> options,
    ILogger<RiskResultSinkService> logger) : BackgroundService
{
    public const string ConsumerGroup = "riskradar-result-sinks";

    private static readonly Counter<long> Written = RiskRadarTelemetry.Meter.CreateCounter<long>("riskradar.sinks.records.written", "{record}");
    private static readonly Counter<long> Unreadable = RiskRadarTelemetry.Meter.CreateCounter<long>("riskradar.sinks.records.unreadable", "{record}");
    private static readonly Histogram<double> BatchSeconds = RiskRadarTelemetry.Meter.CreateHistogram<double>("riskradar.sinks.batch.duration", "s");

    private readonly IReadOnlyList<IRiskResultSink> _sinks = [.. sinks.OrderBy(s => s.Order)];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task Run(CancellationToken stoppingToken)
    {
        var config = kafka.CreateConsumerConfig("stream-processor-sinks", ConsumerGroup);
        config.EnableAutoCommit = false;
        config.IsolationLevel = IsolationLevel.ReadCommitted;
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        using var consumer = kafka.CreateConsumer<string, byte[]>(config);
        consumer.Subscribe([KafkaTopics.RiskAggregates, KafkaTopics.MarketBars]);

        var settings = options.Value;
        var aggregates = new List<RiskAggregate>(settings.SinkBatchSize);
        var bars = new List<InstrumentBar>();
        while (!stoppingToken.IsCancellationRequested)
        {
            aggregates.Clear();
            bars.Clear();
            ConsumeResult<string, byte[]>? last = null;
            var deadline = DateTime.UtcNow + settings.SinkBatchWindow;
            while (aggregates.Count + bars.Count < settings.SinkBatchSize)
            {
                var remaining = deadline - DateTime.UtcNow;
                var result = consumer.Consume(last is null ? TimeSpan.FromMilliseconds(250) : remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
                if (result is null || result.IsPartitionEOF)
                {
                    if (last is not null || stoppingToken.IsCancellationRequested)
                    {
                        break;
                    }

                    continue;
                }

                last = result;
                Read(result, aggregates, bars);
            }

            if (last is null)
            {
                continue;
            }

            await WriteWithRetryAsync(aggregates, bars, stoppingToken);
            Written.Add(aggregates.Count + bars.Count);
            try
            {
                consumer.Commit();
            }
            catch (KafkaException ex)
            {
                // Typically a rebalance took the partitions away: the new owner re-reads this batch and the sinks absorb it.
                logger.LogWarning(ex, "Committing sink offsets failed; the batch will be delivered again");
            }
        }

        consumer.Close();
    }

    private void Read(ConsumeResult<string, byte[]> result, List<RiskAggregate> aggregates, List<InstrumentBar> bars)
    {
        try
        {
            if (result.Topic == KafkaTopics.RiskAggregates)
            {
                aggregates.Add(EventSerializers.RiskAggregate.Deserialize(result.Message.Value, result.Message.Value is null, default));
            }
            else
            {
                bars.Add(EventSerializers.InstrumentBar.Deserialize(result.Message.Value, result.Message.Value is null, default));
            }
        }
        catch (InvalidEventException ex)
        {
            // Only this service's own topology writes these topics: an unreadable record is a bug to see, not data to drop quietly.
            Unreadable.Add(1);
            logger.LogError(ex, "Unreadable record {Topic}[{Partition}]@{Offset} skipped", result.Topic, result.Partition.Value, result.Offset.Value);
        }
    }

    private async Task WriteWithRetryAsync(List<RiskAggregate> aggregates, List<InstrumentBar> bars, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                foreach (var sink in _sinks)
                {
                    await sink.WriteAsync(aggregates, bars, stoppingToken);
                }

                BatchSeconds.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Writing {Aggregates} aggregates and {Bars} bars failed (attempt {Attempt}); retrying in {Delay}", aggregates.Count, bars.Count, attempt, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }
}
