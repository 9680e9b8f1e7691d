using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.Data;
using RiskRadar.Gateway.Audit;

namespace RiskRadar.Gateway.Auth;

/// <summary>Creates the user, refresh-token and audit tables and seeds the configured users before requests are taken.</summary>
public sealed partial class GatewayStoreInitializer(
    NpgsqlDataSource dataSource, UserDirectory users, IOptions<AuthOptions> options, ILogger<GatewayStoreInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => StartupRetry.RunAsync(
        async ct =>
        {
            await AuthSchema.EnsureCreatedAsync(dataSource, ct);
            await AuditSchema.EnsureCreatedAsync(dataSource, ct);
            await users.SeedAsync(options.Value.Users, ct);
        },
        LogRetry,
        TimeProvider.System,
        cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the gateway tables failed (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception exception, int attempt);
}
