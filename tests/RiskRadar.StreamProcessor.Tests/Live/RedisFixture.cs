using RiskRadar.Testing;
using StackExchange.Redis;

namespace RiskRadar.StreamProcessor.Tests.Live;

/// <summary>A redis-server on loopback for one test class, and a connection to it.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private LocalRedis? _server;

    public IConnectionMultiplexer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalRedis.StartAsync();
        Redis = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Redis.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
