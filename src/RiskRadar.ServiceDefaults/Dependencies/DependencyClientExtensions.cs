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
        var options = Options(builder);
        builder.AddNpgsqlDataSource(connectionName, configureDataSourceBuilder: dataSource =>
        {
            dataSource.ConnectionStringBuilder.CommandTimeout = WholeSeconds(options.Timeout);
            dataSource.ConnectionStringBuilder.Timeout = WholeSeconds(options.ConnectTimeout);
            // After a command timeout Npgsql asks the server to cancel and waits for the answer; a hung server never
            // gives one, so the wait is short and the connection is dropped (the pool opens a fresh one).
            dataSource.ConnectionStringBuilder.CancellationTimeout = 500;
            configure?.Invoke(dataSource);
        });
        return builder;
    }

    public static IHostApplicationBuilder AddRequestCache(this IHostApplicationBuilder builder, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var milliseconds = (int)Options(builder).Timeout.TotalMilliseconds;
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
    private static DependencyOptions Options(IHostApplicationBuilder builder) =>
        builder.Configuration.GetSection(DependencyOptions.SectionName).Get<DependencyOptions>() ?? new DependencyOptions();

    private static int WholeSeconds(TimeSpan value) => Math.Max(1, (int)Math.Ceiling(value.TotalSeconds));
}
