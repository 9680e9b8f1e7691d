using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.Contracts.Topics;

namespace RiskRadar.Api.Portfolios;

/// <summary>
/// Sends the outbox to <c>portfolio.positions</c> in id order and marks what the broker acknowledged. One instance
/// publishes at a time (a transaction-scoped advisory lock), so several Api replicas never reorder a key's events.
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
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"select pg_try_advisory_xact_lock({PublisherLockKey})", connection, transaction))
        {
            if (await lockCommand.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0;
            }
        }

        var ids = new List<long>();
        var deliveries = new List<Task<DeliveryResult<string, byte[]>>>();
        await using (var select = new NpgsqlCommand("select id, position_key, payload from position_outbox where published_at is null order by id limit $1", connection, transaction))
        {
            select.Parameters.Add(new() { Value = options.Value.OutboxBatchSize });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
                // The idempotent producer keeps the order of these sends per partition, retries included.
                deliveries.Add(producer.ProduceAsync(
                    KafkaTopics.PortfolioPositions,
                    new Message<string, byte[]> { Key = reader.GetString(1), Value = reader.GetFieldValue<byte[]>(2) },
                    cancellationToken));
            }
        }

        if (ids.Count == 0)
        {
            return 0;
        }

        await Task.WhenAll(deliveries).WaitAsync(options.Value.OutboxPublishTimeout, cancellationToken);
        await using (var mark = new NpgsqlCommand("update position_outbox set published_at = now() where id = any($1)", connection, transaction))
        {
            mark.Parameters.Add(new() { Value = ids.ToArray() });
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogPublished(ids.Count);
        return ids.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing position events failed; retrying")]
    private partial void LogPublishFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Published {Count} position events")]
    private partial void LogPublished(int count);
}
