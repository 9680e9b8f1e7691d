using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.Gateway.Audit;

namespace RiskRadar.Gateway.Auth;

/// <summary>Creates the user, refresh-token and audit tables and seeds the configured users before requests are taken.</summary>
public sealed partial class GatewayStoreInitializer(
    NpgsqlDataSource dataSource, UserDirectory users, IOptions<AuthOptions> options, ILogger<GatewayStoreInitializer> logger) : IHostedService
{
    private const int StartAttempts = 10;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The database may still be starting with the rest of the stack; transient failures are retried briefly.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AuthSchema.EnsureCreatedAsync(dataSource, cancellationToken);
                await AuditSchema.EnsureCreatedAsync(dataSource, cancellationToken);
                await users.SeedAsync(options.Value.Users, cancellationToken);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < StartAttempts)
            {
                LogRetry(ex, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt * 2, 10)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the gateway tables failed (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception exception, int attempt);
}
