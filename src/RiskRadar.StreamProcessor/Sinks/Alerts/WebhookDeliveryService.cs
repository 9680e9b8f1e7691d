using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.Contracts.Serialization;
using RiskRadar.ServiceDefaults;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>
/// Delivers the webhook outbox: POSTs each due alert, signed (see <see cref="WebhookSignature"/>), to its target, and
/// retries failures with exponential back-off until <see cref="AlertOptions.MaxAttempts"/>, after which the row is
/// marked dead. Several instances can run: rows are claimed with <c>for update skip locked</c>.
/// Delivery is at least once (a lease can expire mid-request, a response can be lost); receivers deduplicate by the
/// <c>X-RiskRadar-Alert-Id</c> header.
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

    // Beyond the request timeout, room for the database round trips of a batch before another instance may re-claim it.
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(30);

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
                // Typically the database is unavailable; claimed rows become due again when their lease ends.
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
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimed = await ClaimAsync(settings, cancellationToken);
        if (claimed.Count > 0)
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            await Task.WhenAll(claimed.Select(row => DeliverAsync(client, row, settings, cancellationToken)));
        }

        return claimed.Count;
    }

    /// <summary>Delay before attempt <paramref name="attempts"/> + 1, after <paramref name="attempts"/> failures.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(baseDelay.Ticks * factor, maxDelay.Ticks));
    }

    // The claim pushes next_attempt_at out by a lease and commits at once, rather than holding row locks across HTTP
    // calls: no transaction stays open for the duration of slow receivers, and rows of a crashed instance simply
    // become due again when the lease ends.
    private async Task<List<OutboxRow>> ClaimAsync(AlertOptions settings, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var command = dataSource.CreateCommand("""
            with due as (
                select alert_id, target_id from webhook_outbox
                where next_attempt_at <= $1
                order by next_attempt_at
                limit $2
                for update skip locked
            ), claimed as (
                update webhook_outbox o set next_attempt_at = $3
                from due where o.alert_id = due.alert_id and o.target_id = due.target_id
                returning o.alert_id, o.target_id, o.payload::text as payload, o.attempts
            )
            select c.alert_id, c.target_id, c.payload, c.attempts, t.url, t.secret
            from claimed c left join alert_webhook_targets t on t.target_id = c.target_id
            """);
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = settings.DeliveryBatchSize });
        command.Parameters.Add(new() { Value = now + settings.WebhookTimeout + LeaseMargin });
        var rows = new List<OutboxRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OutboxRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }

    private async Task DeliverAsync(HttpClient client, OutboxRow row, AlertOptions settings, CancellationToken cancellationToken)
    {
        // Retrying cannot help these two; the row stays, marked dead, for inspection.
        if (row.Url is null || row.Secret is null)
        {
            await GiveUpAsync(row, "webhook target no longer exists");
            return;
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
            await GiveUpAsync(row, ex.Message);
            return;
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
            await SettleAsync(row, delivered: true, error: null, nextAttempt: null);
            Delivered.Add(1);
            LogDelivered(row.AlertId, row.TargetId, attempts);
        }
        else if (attempts >= settings.MaxAttempts)
        {
            await GiveUpAsync(row, error);
        }
        else
        {
            var delay = Backoff(attempts, settings.BaseDelay, settings.MaxDelay);
            await SettleAsync(row, delivered: false, error, timeProvider.GetUtcNow() + delay);
            Failed.Add(1);
            LogRetry(row.AlertId, row.TargetId, attempts, error, delay);
        }
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

    private async Task GiveUpAsync(OutboxRow row, string error)
    {
        await SettleAsync(row, delivered: false, DeadPrefix + error, nextAttempt: null);
        Dead.Add(1);
        LogDead(row.AlertId, row.TargetId, error);
    }

    // Not cancellable: once a request went out its outcome is recorded even while stopping, so that a delivered
    // alert is not sent again when the lease ends.
    private async Task SettleAsync(OutboxRow row, bool delivered, string? error, DateTimeOffset? nextAttempt)
    {
        await using var command = dataSource.CreateCommand("""
            update webhook_outbox
            set attempts = attempts + 1, delivered_at = $3, next_attempt_at = $4, last_error = $5
            where alert_id = $1 and target_id = $2
            """);
        command.Parameters.Add(new() { Value = row.AlertId });
        command.Parameters.Add(new() { Value = row.TargetId });
        command.Parameters.Add(new() { Value = delivered ? timeProvider.GetUtcNow() : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = nextAttempt is { } next ? next : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private sealed record OutboxRow(string AlertId, string TargetId, string Payload, int Attempts, string? Url, string? Secret);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert {AlertId} delivered to webhook {TargetId} on attempt {Attempt}")]
    private partial void LogDelivered(string alertId, string targetId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} to webhook {TargetId} failed on attempt {Attempt} ({Error}); retrying in {Delay}")]
    private partial void LogRetry(string alertId, string targetId, int attempt, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId} to webhook {TargetId} given up: {Error}")]
    private partial void LogDead(string alertId, string targetId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the webhook outbox failed")]
    private partial void LogPollFailed(Exception exception);
}
