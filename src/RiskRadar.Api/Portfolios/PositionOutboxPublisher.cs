using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.Contracts.Topics;
using RiskRadar.Data.Outbox;

namespace RiskRadar.Api.Portfolios;

/// <summary>
/// Sends the outbox to <c>portfolio.positions</c> in id order and marks what the broker acknowledged, through the
/// shared <see cref="OutboxRelay"/>: one instance publishes at a time, so several Api replicas never reorder a key's events.
/// A crash between the acknowledgement and the mark re-sends a few events: consumers keep the highest version.
/// </summary>
public sealed partial class PositionOutboxPublisher(
    NpgsqlDataSource dataSource,
    PositionOutbox outbox,
    [FromKeyedServices(PositionOutboxPublisher.ProducerKey)] IProducer<string, byte[]> producer,
    IOptions<PortfolioOptions> options,
    ILogger<PositionOutboxPublisher> logger) : BackgroundService
{
    public const string ProducerKey = "positions";

    private const long PublisherLockKey = 0x5269_736b_5066_0002;

    private readonly OutboxRelay _relay = new(dataSource, PublisherLockKey);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await PublishBatchAsync(stoppingToken) == options.Value.OutboxBatchSize)
                {
                    continue; // More are waiting.
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or KafkaException or TimeoutException)
            {
                LogPublishFailed(ex);
                await Task.Delay(options.Value.OutboxRetryDelay, stoppingToken);
            }

            await outbox.WaitAsync(options.Value.OutboxPollInterval, stoppingToken);
        }
    }

    /// <returns>How many events were published.</returns>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        var published = await _relay.RelayAsync(
            "select id, position_key, payload from position_outbox where published_at is null order by id limit $1",
            options.Value.OutboxBatchSize,
            reader => (Id: reader.GetInt64(0), Message: new Message<string, byte[]> { Key = reader.GetString(1), Value = reader.GetFieldValue<byte[]>(2) }),
            async (rows, token) =>
            {
                // The idempotent producer keeps the order of these sends per partition, retries included.
                var deliveries = rows.Select(row => producer.ProduceAsync(KafkaTopics.PortfolioPositions, row.Message, token)).ToList();
                await Task.WhenAll(deliveries).WaitAsync(options.Value.OutboxPublishTimeout, token);
                return [OutboxMarks.Published("position_outbox", [.. rows.Select(row => row.Id)])];
            },
            cancellationToken);
        if (published > 0)
        {
            LogPublished(published);
        }

        return published;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing position events failed; retrying")]
    private partial void LogPublishFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Published {Count} position events")]
    private partial void LogPublished(int count);
}
