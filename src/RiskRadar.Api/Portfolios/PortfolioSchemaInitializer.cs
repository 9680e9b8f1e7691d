using Npgsql;
using RiskRadar.Alerts;

namespace RiskRadar.Api.Portfolios;

/// <summary>Creates the Api's tables (and the alert tables it edits) before the host takes requests.</summary>
public sealed partial class PortfolioSchemaInitializer(NpgsqlDataSource dataSource, ILogger<PortfolioSchemaInitializer> logger) : IHostedService
{
    private const int StartAttempts = 10;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The database may still be starting with the rest of the stack; transient failures are retried briefly.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PortfolioSchema.EnsureCreatedAsync(dataSource, cancellationToken);
                await AlertSchema.EnsureCreatedAsync(dataSource, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the portfolio tables failed (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception exception, int attempt);
}
