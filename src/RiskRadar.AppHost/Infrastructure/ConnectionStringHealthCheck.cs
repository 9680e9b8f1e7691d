using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;

namespace RiskRadar.AppHost.Infrastructure;

/// <summary>
/// Health checks that talk the server's own protocol through the connection string services will get,
/// resolved when the check runs (ports are only known once the orchestrator has allocated them).
/// </summary>
public sealed class ConnectionStringHealthCheck(
    IResourceWithConnectionString resource,
    Func<string, CancellationToken, Task> probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken)
                ?? throw new InvalidOperationException($"{resource.Name} has no connection string yet.");
            await probe(connectionString, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }
    }

    public static async Task PostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public static async Task RedisAsync(string connectionString, CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 2000;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        await redis.GetDatabase().PingAsync();
    }

    public static Task KafkaAsync(string connectionString, CancellationToken cancellationToken)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = connectionString }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(3));
        return metadata.Brokers.Count > 0 ? Task.CompletedTask : throw new InvalidOperationException("No brokers in metadata.");
    }
}

public static class ConnectionStringHealthCheckExtensions
{
    /// <summary>Marks <paramref name="server"/> healthy only when <paramref name="probe"/> succeeds over <paramref name="connection"/>.</summary>
    public static IResourceBuilder<T> WithConnectionHealthCheck<T>(
        this IResourceBuilder<T> server,
        IResourceBuilder<IResourceWithConnectionString> connection,
        Func<string, CancellationToken, Task> probe)
        where T : IResource
    {
        var name = $"{server.Resource.Name}-ready";
        server.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(name, _ => new ConnectionStringHealthCheck(connection.Resource, probe), failureStatus: null, tags: null));
        return server.WithHealthCheck(name);
    }
}
