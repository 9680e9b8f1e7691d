using StackExchange.Redis;

namespace RiskRadar.Testing;

/// <summary>redis-server via <c>eng/local/redis.sh</c> (the AppHost's local mode) on a free loopback port.</summary>
public sealed class LocalRedis : ServerProcess
{
    private readonly string _password = Guid.NewGuid().ToString("N");

    private LocalRedis()
        : base("redis")
    {
    }

    public string ConnectionString => $"127.0.0.1:{Port},password={_password}";

    public static async Task<LocalRedis> StartAsync()
    {
        var server = new LocalRedis();
        server.Start("bash", [Path.Combine(RepositoryRoot, "eng", "local", "redis.sh"), server.DataDirectory], new Dictionary<string, string>
        {
            ["REDIS_PORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["REDIS_PASSWORD"] = server._password,
        });
        await server.WaitUntilReadyAsync(async _ =>
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
            await redis.GetDatabase().PingAsync();
        }, TimeSpan.FromSeconds(30));
        return server;
    }
}
