using System.Text.Json;
using Confluent.Kafka;
using Npgsql;
using RiskRadar.Contracts.Topics;
using RiskRadar.Data.Outbox;

namespace RiskRadar.Gateway.Audit;

/// <summary>
/// Relays the audit outbox onto <c>audit.events</c> (<see cref="OutboxRelay"/>): every committed audit record reaches
/// the topic, whatever order the gateways' transactions commit in. The table is the source of truth: Kafka being down
/// delays the topic, never the record. One gateway replica publishes at a time; a crash between send and mark
/// re-sends a few records, with the same ids.
/// </summary>
public sealed partial class AuditPublisher(
    NpgsqlDataSource dataSource,
    [FromKeyedServices(AuditPublisher.ProducerKey)] IProducer<string, byte[]> producer,
    ILogger<AuditPublisher> logger) : BackgroundService
{
    public const string ProducerKey = "audit";

    private const long PublisherLockKey = 0x5269_736b_4175_0002;
    private const int BatchSize = 500;

    private readonly OutboxRelay _relay = new(dataSource, PublisherLockKey);

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

    private Task<int> PublishBatchAsync(CancellationToken cancellationToken) => _relay.RelayAsync(
        AuditLog.ClaimPendingSql,
        BatchSize,
        reader => (OutboxId: reader.GetInt64(0), Record: AuditLog.Read(reader, 1)),
        async (rows, token) =>
        {
            await Task.WhenAll(rows.Select(row => producer.ProduceAsync(
                KafkaTopics.AuditEvents,
                new Message<string, byte[]> { Key = row.Record.TenantId ?? "", Value = JsonSerializer.SerializeToUtf8Bytes(row.Record, GatewayJsonContext.Default.AuditRecord) },
                token))).WaitAsync(TimeSpan.FromSeconds(30), token);
            return [OutboxMarks.Published("audit_outbox", [.. rows.Select(row => row.OutboxId)])];
        },
        cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing audit records to Kafka failed; retrying")]
    private partial void LogPublishFailed(Exception exception);
}
