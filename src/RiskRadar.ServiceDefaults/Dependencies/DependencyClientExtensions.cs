using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace RiskRadar.ServiceDefaults.Dependencies;

/// <summary>
/// PostgreSQL and Redis clients for services that answer requests, with <see cref="DependencyOptions.Timeout"/> on
/// every command and connection attempt, so a stopped or hung server becomes a prompt 503 rather than a hung request.
/// </summary>
public static class DependencyClientExtensions
{
    public static IHostApplicationBuilder AddDependencyOptions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DependencyOptions>()
            .Bind(builder.Configuration.GetSection(DependencyOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }

    public static IHostApplicationBuilder AddRequestDatabase(this IHostApplicationBuilder builder, string connectionName, Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var timeout = Timeout(builder);
        builder.AddNpgsqlDataSource(connectionName, configureDataSourceBuilder: dataSource =>
        {
            var seconds = (int)Math.Ceiling(timeout.TotalSeconds);
            dataSource.ConnectionStringBuilder.CommandTimeout = seconds;
            dataSource.ConnectionStringBuilder.Timeout = seconds;
            // After a command timeout Npgsql asks the server to cancel and waits for its answer; a hung server never
            // gives one, so the wait is short and the connection is dropped (the pool opens a fresh one).
            dataSource.ConnectionStringBuilder.CancellationTimeout = 500;
            configure?.Invoke(dataSource);
        });
        return builder;
    }

    public static IHostApplicationBuilder AddRequestCache(this IHostApplicationBuilder builder, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var milliseconds = (int)Timeout(builder).TotalMilliseconds;
        builder.AddRedisClient(connectionName, configureOptions: options =>
        {
            options.AsyncTimeout = milliseconds;
            options.SyncTimeout = milliseconds;
            options.ConnectTimeout = milliseconds;
            // Keep trying in the background: the cache answering again must need no restart.
            options.AbortOnConnectFail = false;
        });
        return builder;
    }

    // Read here, not from IOptions: the clients are configured while services are being registered.
    private static TimeSpan Timeout(IHostApplicationBuilder builder) =>
        builder.Configuration.GetSection(DependencyOptions.SectionName).Get<DependencyOptions>()?.Timeout ?? new DependencyOptions().Timeout;
}
