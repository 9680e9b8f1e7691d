using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskRadar.Alerts;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.StreamProcessor.Sinks.Alerts;
using static RiskRadar.StreamProcessor.Tests.Alerts.AlertTestData;

namespace RiskRadar.StreamProcessor.Tests.Alerts;

[Collection(AlertPostgresCollection.Name)]
public sealed class WebhookDeliveryTests(AlertPostgresFixture postgres) : IAsyncLifetime
{
    private const string Secret = "whsec-correct-horse";

    private readonly string _tenant = "T-" + Guid.NewGuid().ToString("N")[..8];

    private readonly AlertOptions _options = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(20),
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(1),
        WebhookTimeout = TimeSpan.FromSeconds(5),
    };

    private ServiceProvider? _services;

    // Tests of the collection run one at a time; rows earlier tests left pending are parked so that each test
    // delivers only its own.
    public async Task InitializeAsync() =>
        await postgres.ExecuteAsync("update webhook_outbox set next_attempt_at = null where delivered_at is null");

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_breach_is_posted_with_a_signature_the_receiver_verifies()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var alert = await RaiseBreachAsync(receiver.Url, Secret);

        Assert.Equal(1, await Deliverer().DeliverDueAsync(default));

        var received = Assert.Single(receiver.Received);
        Assert.True(received.SignatureValid);
        Assert.Equal(alert.AlertId, received.AlertId);
        Assert.StartsWith("application/json", received.ContentType, StringComparison.Ordinal);
        Assert.Equal(alert, EventSerializers.RiskAlert.Deserialize(System.Text.Encoding.UTF8.GetBytes(received.Body), false, default));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(EventSerializers.RiskAlert.Serialize(alert, default)), received.Body);
        Assert.Equal("1|t|", await OutboxAsync(alert.AlertId));
        Assert.Equal(0, await Deliverer().DeliverDueAsync(default));
    }

    [Fact]
    public async Task A_receiver_failing_twice_gets_the_alert_on_the_third_attempt_after_backing_off()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret, n => n <= 2 ? 500 : 200);
        var alert = await RaiseBreachAsync(receiver.Url, Secret);
        var service = Deliverer();

        await service.StartAsync(default);
        var deadline = Stopwatch.StartNew();
        while (await OutboxAsync(alert.AlertId) != "3|t|" && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        await service.StopAsync(default);

        Assert.Equal("3|t|", await OutboxAsync(alert.AlertId));
        var attempts = receiver.Received.ToArray();
        Assert.Equal(3, attempts.Length);
        Assert.All(attempts, a => Assert.True(a.SignatureValid));
        Assert.All(attempts, a => Assert.Equal(alert.AlertId, a.AlertId));
        Assert.True(Stopwatch.GetElapsedTime(attempts[0].ReceivedAt, attempts[1].ReceivedAt) >= TimeSpan.FromMilliseconds(90));
        Assert.True(Stopwatch.GetElapsedTime(attempts[1].ReceivedAt, attempts[2].ReceivedAt) >= TimeSpan.FromMilliseconds(190));
    }

    [Fact]
    public async Task A_wrong_secret_gives_a_signature_mismatch_and_the_delivery_is_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var alert = await RaiseBreachAsync(receiver.Url, "not-the-secret-the-receiver-knows");

        await Deliverer().DeliverDueAsync(default);

        Assert.False(Assert.Single(receiver.Received).SignatureValid);
        Assert.Equal("1|f|HTTP 401 Unauthorized", await OutboxAsync(alert.AlertId));
        Assert.True(await postgres.ScalarAsync<bool>("select next_attempt_at is not null from webhook_outbox where alert_id = $1", alert.AlertId));
    }

    [Fact]
    public async Task A_delivery_is_given_up_after_the_maximum_attempts()
    {
        _options.MaxAttempts = 2;
        _options.BaseDelay = TimeSpan.FromMilliseconds(10);
        await using var receiver = await WebhookReceiver.StartAsync(Secret, _ => 503);
        var alert = await RaiseBreachAsync(receiver.Url, Secret);
        var service = Deliverer();

        await service.DeliverDueAsync(default);
        await Task.Delay(100);
        await service.DeliverDueAsync(default);
        await Task.Delay(100);

        Assert.Equal(0, await service.DeliverDueAsync(default));
        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal("2|f|dead: HTTP 503 Service Unavailable", await OutboxAsync(alert.AlertId));
    }

    [Fact]
    public async Task An_unreachable_receiver_is_a_failed_attempt()
    {
        string url;
        await using (var gone = await WebhookReceiver.StartAsync(Secret))
        {
            url = gone.Url;
        }

        var alert = await RaiseBreachAsync(url, Secret);

        await Deliverer().DeliverDueAsync(default);

        Assert.StartsWith("1|f|", await OutboxAsync(alert.AlertId), StringComparison.Ordinal);
    }

    private WebhookDeliveryService Deliverer()
    {
        if (_services is null)
        {
            var services = new ServiceCollection();
            services.AddSingleton(Options.Create(_options));
            services.AddAlertWebhookClient();
            _services = services.BuildServiceProvider();
        }

        return new WebhookDeliveryService(
            postgres.DataSource,
            _services.GetRequiredService<IHttpClientFactory>(),
            Options.Create(_options),
            TimeProvider.System,
            NullLogger<WebhookDeliveryService>.Instance);
    }

    // Through the sink, so the row delivered is exactly what the sink queues.
    private async Task<RiskAlert> RaiseBreachAsync(string url, string secret)
    {
        var options = new AlertOptions
        {
            WebhookTargets = [new() { TargetId = _tenant + "-hook", TenantId = _tenant, Url = url, Secret = secret }],
            Rules = [new() { RuleId = _tenant + "-var99", TenantId = _tenant, Metric = AlertMetrics.Var99, Threshold = 10_000, WebhookTargetId = _tenant + "-hook" }],
        };
        await AlertRuleStore.SeedAsync(postgres.DataSource, options, default);
        var publisher = new RecordingAlertPublisher();
        var sink = new AlertSink(
            postgres.DataSource,
            new AlertRuleCache(postgres.DataSource, Options.Create(options), TimeProvider.System, NullLogger<AlertRuleCache>.Instance),
            publisher,
            Options.Create(options),
            TimeProvider.System,
            NullLogger<AlertSink>.Instance);
        await sink.WriteAsync([Aggregate(tenantId: _tenant, var99: 25_000)], [], default);
        return Assert.Single(publisher.Published);
    }

    /// <summary>"attempts|delivered (t/f)|last error" of the alert's outbox row.</summary>
    private Task<string> OutboxAsync(string alertId) =>
        postgres.ScalarAsync<string>(
            "select attempts || '|' || (case when delivered_at is null then 'f' else 't' end) || '|' || coalesce(last_error, '') from webhook_outbox where alert_id = $1",
            alertId);
}
