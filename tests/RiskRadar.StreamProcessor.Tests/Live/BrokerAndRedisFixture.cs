using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RiskRadar.ServiceDefaults.Kafka;
using RiskRadar.Testing;
using StackExchange.Redis;

namespace RiskRadar.StreamProcessor.Tests.Live;

/// <summary>The development broker and a redis-server for one test class, with the services' Kafka client factory.</summary>
public sealed class BrokerAndRedisFixture : IAsyncLifetime
{
    private readonly RedisFixture _redis = new();
    private LocalKafka? _kafka;
    private IHost? _host;

    public IConnectionMultiplexer Redis => _redis.Redis;

    public string BootstrapServers => _kafka!.BootstrapServers;

    public KafkaClientFactory Kafka => _host!.Services.GetRequiredService<KafkaClientFactory>();

    public async Task InitializeAsync()
    {
        var kafka = LocalKafka.StartAsync();
        await _redis.InitializeAsync();
        _kafka = await kafka;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:kafka"] = _kafka.BootstrapServers });
        builder.AddKafkaClients();
        _host = builder.Build();
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        if (_kafka is not null)
        {
            await _kafka.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }
}
