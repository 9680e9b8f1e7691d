using System.Text.Json;
using Confluent.Kafka;
using Npgsql;
using RiskRadar.Contracts.Topics;

namespace RiskRadar.Gateway.Audit;

/// <summary>
/// Tails the audit table onto <c>audit.events</c>, remembering how far it got in <c>audit_publish_cursor</c>. The
/// table is the source of truth: Kafka being down delays the topic, never the record. One gateway replica publishes at
/// a time (advisory lock); a crash between send and cursor update re-sends a few records, with the same ids.
/// </summary>
public sealed partial class AuditPublisher(
    NpgsqlDataSource dataSource,
    AuditLog log,
    [FromKeyedServices(AuditPublisher.ProducerKey)] IProducer<string, byte[]> producer,
    ILogger<AuditPublisher> logger) : BackgroundService
{
    public const string ProducerKey = "audit";

    private const string Publisher = "gateway";
    private const long PublisherLockKey = 0x5269_736b_4175_0002;
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                published = await PublishBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or KafkaException or TimeoutException)
            {
                LogPublishFailed(ex);
            }

            if (published < BatchSize)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
            }
        }
    }

    private async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long cursor;
        await using (var command = new NpgsqlCommand(
            $"select pg_try_advisory_xact_lock({PublisherLockKey}), coalesce((select last_id from audit_publish_cursor where publisher = $1), 0)", connection, transaction))
        {
            command.Parameters.Add(new() { Value = Publisher });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (!reader.GetBoolean(0))
            {
                return 0;
            }

            cursor = reader.GetInt64(1);
        }

        var records = await log.ReadAfterAsync(cursor, BatchSize, cancellationToken);
        if (records.Count == 0)
        {
            return 0;
        }

        await Task.WhenAll(records.Select(r => producer.ProduceAsync(
            KafkaTopics.AuditEvents,
            new Message<string, byte[]> { Key = r.TenantId ?? "", Value = JsonSerializer.SerializeToUtf8Bytes(r, GatewayJsonContext.Default.AuditRecord) },
            cancellationToken))).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await using (var command = new NpgsqlCommand(
            "insert into audit_publish_cursor (publisher, last_id) values ($1, $2) on conflict (publisher) do update set last_id = excluded.last_id", connection, transaction))
        {
            command.Parameters.Add(new() { Value = Publisher });
            command.Parameters.Add(new() { Value = records[^1].Id });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return records.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing audit records to Kafka failed; retrying")]
    private partial void LogPublishFailed(Exception exception);
}
