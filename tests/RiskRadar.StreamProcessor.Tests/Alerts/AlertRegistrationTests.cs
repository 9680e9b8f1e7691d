using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Contracts.Topics;
using RiskRadar.StreamProcessor.Sinks.Aggregates;
using RiskRadar.StreamProcessor.Sinks.Alerts;
using RiskRadar.Testing;
using static RiskRadar.StreamProcessor.Tests.Alerts.AlertTestData;

namespace RiskRadar.StreamProcessor.Tests.Alerts;

/// <summary>
/// The services as <see cref="AlertServiceExtensions.AddAlerts"/> registers them, against a real broker and database:
/// configuration seeds the rule, the sink publishes the breach on risk.alerts, the hosted deliverer POSTs it.
/// </summary>
public sealed class AlertRegistrationTests : IAsyncLifetime
{
    private const string Secret = "whsec-registration";

    private LocalKafka? _kafka;
    private LocalPostgres? _postgres;

    public async Task InitializeAsync()
    {
        var kafka = LocalKafka.StartAsync();
        var postgres = LocalPostgres.StartAsync();
        _kafka = await kafka;
        _postgres = await postgres;
    }

    public async Task DisposeAsync()
    {
        if (_kafka is not null)
        {
            await _kafka.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    [Fact]
    public async Task Configured_rules_raise_alerts_on_kafka_and_by_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = _kafka!.BootstrapServers,
            ["ConnectionStrings:timeseries"] = _postgres!.ConnectionString,
            ["Alerts:PollInterval"] = "00:00:00.050",
            ["Alerts:WebhookTargets:0:TargetId"] = "ops-hook",
            ["Alerts:WebhookTargets:0:TenantId"] = "T1",
            ["Alerts:WebhookTargets:0:Url"] = receiver.Url,
            ["Alerts:WebhookTargets:0:Secret"] = Secret,
            ["Alerts:Rules:0:RuleId"] = "T1-var99",
            ["Alerts:Rules:0:TenantId"] = "T1",
            ["Alerts:Rules:0:Metric"] = "var99",
            ["Alerts:Rules:0:Threshold"] = "10000",
            ["Alerts:Rules:0:WebhookTargetId"] = "ops-hook",
        });
        builder.AddKafkaClients();
        builder.AddTimeSeriesStore();
        builder.AddAlerts();
        using var host = builder.Build();
        await host.StartAsync();

        var sink = Assert.Single(host.Services.GetServices<IRiskResultSink>().OfType<AlertSink>());
        Assert.Equal(20, sink.Order);
        await sink.WriteAsync([Aggregate(var99: 5_000, minute: 1), Aggregate(var99: 15_000, minute: 2)], [], default);

        var published = ConsumeAlert();
        Assert.Equal(("T1-var99", "P1", AlertStates.Breach, 15_000.0, Start.AddMinutes(2)), (published.RuleId, published.PortfolioId, published.State, published.Value, published.WindowEnd));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (receiver.Received.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        // The receiver answers before the delivery's transaction commits: the outbox row is marked a moment later.
        await using var dataSource = NpgsqlDataSource.Create(_postgres.ConnectionString);
        await using var command = dataSource.CreateCommand("select count(*) from webhook_outbox where delivered_at is not null");
        var marked = 0L;
        while ((marked = (long)(await command.ExecuteScalarAsync())!) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await host.StopAsync();
        var delivered = Assert.Single(receiver.Received);
        Assert.True(delivered.SignatureValid);
        Assert.Equal(published.AlertId, delivered.AlertId);
        Assert.Equal(1L, marked);
    }

    private RiskAlert ConsumeAlert()
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _kafka!.BootstrapServers,
            GroupId = "alerts-test-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        var partitions = TopicCatalog.All.Single(t => t.Name == KafkaTopics.RiskAlerts).Partitions;
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(KafkaTopics.RiskAlerts, p, Offset.Beginning)));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message })
            {
                Assert.Equal("P1", message.Key);
                return EventSerializers.RiskAlert.Deserialize(message.Value, false, default);
            }
        }

        throw new TimeoutException("No alert on risk.alerts.");
    }
}
