using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Data.Outbox;
using RiskRadar.ServiceDefaults;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>
/// Delivers the webhook outbox through the shared <see cref="OutboxRelay"/>: POSTs each due alert, signed (see
/// <see cref="WebhookSignature"/>), to its target, and retries failures with exponential back-off until
/// <see cref="AlertOptions.MaxAttempts"/>, after which the row is marked dead. One instance delivers at a time (the
/// relay's lock), the batch's requests in parallel. Delivery is at least once (a crash after a POST and before the
/// batch's outcome commits sends it again); receivers deduplicate by the <c>X-RiskRadar-Alert-Id</c> header.
/// </summary>
public sealed partial class WebhookDeliveryService(
    NpgsqlDataSource dataSource,
    IHttpClientFactory httpClientFactory,
    IOptions<AlertOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    public const string HttpClientName = "alert-webhooks";

    private const string DeadPrefix = "dead: ";
    private const long DeliveryLockKey = 0x5269_736b_5768_0001;

    // Due rows in id order; next_attempt_at is null once a row is settled (delivered, or given up).
    private const string ClaimDueSql = """
        select o.id, o.alert_id, o.target_id, o.payload::text, o.attempts, t.url, t.secret
        from webhook_outbox o left join alert_webhook_targets t on t.target_id = o.target_id
        where o.next_attempt_at <= $2
        order by o.id
        limit $1
        """;

    private readonly OutboxRelay _relay = new(dataSource, DeliveryLockKey);

    private static readonly Counter<long> Delivered = RiskRadarTelemetry.Meter.CreateCounter<long>("riskradar.alerts.webhooks.delivered", "{delivery}");
    private static readonly Counter<long> Failed = RiskRadarTelemetry.Meter.CreateCounter<long>("riskradar.alerts.webhooks.failed", "{attempt}");
    private static readonly Counter<long> Dead = RiskRadarTelemetry.Meter.CreateCounter<long>("riskradar.alerts.webhooks.dead", "{delivery}");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await DeliverDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Typically the database is unavailable: the batch rolled back, so its rows are still due.
                LogPollFailed(ex);
            }

            // A full batch suggests more is due: poll again at once.
            if (handled < options.Value.DeliveryBatchSize)
            {
                await Task.Delay(options.Value.PollInterval, timeProvider, stoppingToken);
            }
        }
    }

    /// <summary>Claims and delivers one batch of due rows; returns how many were claimed.</summary>
    public Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        return _relay.RelayAsync(
            ClaimDueSql,
            settings.DeliveryBatchSize,
            reader => new OutboxRow(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)),
            async (rows, token) =>
            {
                var client = httpClientFactory.CreateClient(HttpClientName);
                return await Task.WhenAll(rows.Select(row => DeliverAsync(client, row, settings, token)));
            },
            cancellationToken,
            timeProvider.GetUtcNow());
    }

    /// <summary>Delay before attempt <paramref name="attempts"/> + 1, after <paramref name="attempts"/> failures.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(baseDelay.Ticks * factor, maxDelay.Ticks));
    }

    /// <returns>The statement that records the attempt's outcome.</returns>
    private async Task<NpgsqlBatchCommand> DeliverAsync(HttpClient client, OutboxRow row, AlertOptions settings, CancellationToken cancellationToken)
    {
        // Retrying cannot help these two; the row stays, marked dead, for inspection.
        if (row.Url is null || row.Secret is null)
        {
            return GiveUp(row, "webhook target no longer exists");
        }

        byte[] body;
        try
        {
            // Re-serialized rather than sent as stored: jsonb reorders keys, and the body should be exactly the
            // record published on risk.alerts. The signature covers these bytes.
            body = EventSerializers.RiskAlert.Serialize(
                EventSerializers.RiskAlert.Deserialize(System.Text.Encoding.UTF8.GetBytes(row.Payload), isNull: false, default),
                default);
        }
        catch (InvalidEventException ex)
        {
            return GiveUp(row, ex.Message);
        }

        string? error;
        try
        {
            error = await PostAsync(client, row.AlertId, row.Url, row.Secret, body, cancellationToken);
        }
        catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            // TaskCanceledException without our cancellation is the client's timeout.
            error = ex is TaskCanceledException ? $"timed out after {client.Timeout.TotalSeconds:0.###} s" : ex.Message;
        }

        var attempts = row.Attempts + 1;
        if (error is null)
        {
            Delivered.Add(1);
            LogDelivered(row.AlertId, row.TargetId, attempts);
            return Settle(row, delivered: true, error: null, nextAttempt: null);
        }

        if (attempts >= settings.MaxAttempts)
        {
            return GiveUp(row, error);
        }

        var delay = Backoff(attempts, settings.BaseDelay, settings.MaxDelay);
        Failed.Add(1);
        LogRetry(row.AlertId, row.TargetId, attempts, error, delay);
        return Settle(row, delivered: false, error, timeProvider.GetUtcNow() + delay);
    }

    /// <returns>Null when the receiver accepted the alert, else what went wrong.</returns>
    private async Task<string?> PostAsync(HttpClient client, string alertId, string url, string secret, byte[] body, CancellationToken cancellationToken)
    {
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(secret, timestamp, body));
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.AlertIdHeader, alertId);

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
    }

    private NpgsqlBatchCommand GiveUp(OutboxRow row, string error)
    {
        Dead.Add(1);
        LogDead(row.AlertId, row.TargetId, error);
        return Settle(row, delivered: false, DeadPrefix + error, nextAttempt: null);
    }

    private NpgsqlBatchCommand Settle(OutboxRow row, bool delivered, string? error, DateTimeOffset? nextAttempt)
    {
        var command = new NpgsqlBatchCommand("""
            update webhook_outbox
            set attempts = attempts + 1, delivered_at = $2, next_attempt_at = $3, last_error = $4
            where id = $1
            """);
        command.Parameters.Add(new() { Value = row.Id });
        command.Parameters.Add(new() { Value = delivered ? timeProvider.GetUtcNow() : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = nextAttempt is { } next ? next : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return command;
    }

    private sealed record OutboxRow(long Id, string AlertId, string TargetId, string Payload, int Attempts, string? Url, string? Secret);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert {AlertId} delivered to webhook {TargetId} on attempt {Attempt}")]
    private partial void LogDelivered(string alertId, string targetId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} to webhook {TargetId} failed on attempt {Attempt} ({Error}); retrying in {Delay}")]
    private partial void LogRetry(string alertId, string targetId, int attempt, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId} to webhook {TargetId} given up: {Error}")]
    private partial void LogDead(string alertId, string targetId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the webhook outbox failed")]
    private partial void LogPollFailed(Exception exception);
}
