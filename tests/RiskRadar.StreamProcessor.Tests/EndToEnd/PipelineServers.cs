using RiskRadar.Testing;

namespace RiskRadar.StreamProcessor.Tests.EndToEnd;

/// <summary>A fresh development broker, PostgreSQL and Redis for one replay.</summary>
internal sealed class PipelineServers : IAsyncDisposable
{
    private PipelineServers(LocalKafka kafka, LocalPostgres postgres, LocalRedis redis)
    {
        Kafka = kafka;
        Postgres = postgres;
        Redis = redis;
    }

    public LocalKafka Kafka { get; }

    public LocalPostgres Postgres { get; }

    public LocalRedis Redis { get; }

    public static async Task<PipelineServers> StartAsync()
    {
        var kafka = LocalKafka.StartAsync();
        var postgres = LocalPostgres.StartAsync();
        var redis = LocalRedis.StartAsync();
        return new PipelineServers(await kafka, await postgres, await redis);
    }

    public async ValueTask DisposeAsync()
    {
        await Kafka.DisposeAsync();
        await Postgres.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
