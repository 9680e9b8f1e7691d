namespace RiskRadar.Testing;

/// <summary>
/// A fresh development broker, PostgreSQL and Redis, started together. If one fails to start, the others are stopped
/// before the failure is thrown, so nothing outlives a failed fixture.
/// </summary>
public sealed class LocalServers : IAsyncDisposable
{
    private LocalServers(LocalKafka kafka, LocalPostgres postgres, LocalRedis redis)
    {
        Kafka = kafka;
        Postgres = postgres;
        Redis = redis;
    }

    public LocalKafka Kafka { get; }

    public LocalPostgres Postgres { get; }

    public LocalRedis Redis { get; }

    public static async Task<LocalServers> StartAsync()
    {
        var kafka = LocalKafka.StartAsync();
        var postgres = LocalPostgres.StartAsync();
        var redis = LocalRedis.StartAsync();
        try
        {
            await Task.WhenAll(kafka, postgres, redis);
        }
        catch
        {
            foreach (var server in new[] { Started(kafka), Started(postgres), Started(redis) })
            {
                if (server is not null)
                {
                    await server.DisposeAsync();
                }
            }

            throw;
        }

        return new LocalServers(kafka.Result, postgres.Result, redis.Result);
    }

    /// <summary>The connection strings a RiskRadar service reads, as the AppHost passes them (environment variables).</summary>
    public Dictionary<string, string> ConnectionStrings() => new()
    {
        ["ConnectionStrings__timeseries"] = Postgres.ConnectionString,
        ["ConnectionStrings__cache"] = Redis.ConnectionString,
        ["ConnectionStrings__kafka"] = Kafka.BootstrapServers,
    };

    public async ValueTask DisposeAsync()
    {
        await Kafka.DisposeAsync();
        await Postgres.DisposeAsync();
        await Redis.DisposeAsync();
    }

    private static ServerProcess? Started<T>(Task<T> start)
        where T : ServerProcess => start.IsCompletedSuccessfully ? start.Result : null;
}
