using Npgsql;
using RiskRadar.Alerts;
using RiskRadar.Data;

namespace RiskRadar.Api.Portfolios;

/// <summary>Creates the Api's tables (and the alert tables it edits) before the host takes requests.</summary>
public sealed partial class PortfolioSchemaInitializer(NpgsqlDataSource dataSource, ILogger<PortfolioSchemaInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => StartupRetry.RunAsync(
        async ct =>
        {
            await PortfolioSchema.EnsureCreatedAsync(dataSource, ct);
            await AlertSchema.EnsureCreatedAsync(dataSource, ct);
        },
        LogRetry,
        TimeProvider.System,
        cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the portfolio tables failed (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception exception, int attempt);
}
