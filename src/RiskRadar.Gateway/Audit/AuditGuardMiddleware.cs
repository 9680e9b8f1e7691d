using Npgsql;

namespace RiskRadar.Gateway.Audit;

/// <summary>
/// Refuses a write with 503 when it could not be audited: a change nobody can account for is worse than a change
/// delayed. Runs after authentication, authorization and rate limiting, so denials are still answered (and their
/// audit record, if it cannot be written, is logged). Reads are never held back by the audit store.
/// </summary>
public sealed partial class AuditGuardMiddleware(RequestDelegate next, NpgsqlDataSource dataSource, AuditHealth health, ILogger<AuditGuardMiddleware> logger)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!AuditMiddleware.IsWrite(context.Request) || health.RecentlyHealthy || await ProbeAsync(context.RequestAborted))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Audit log unavailable",
                Detail = "Changes are accepted only while they can be audited; retry shortly.",
            },
        });
    }

    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            await using var command = dataSource.CreateCommand("select 1 from audit_events limit 0");
            await command.ExecuteNonQueryAsync(timeout.Token);
            health.Succeeded();
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or InvalidOperationException or TimeoutException)
        {
            health.Failed();
            LogProbeFailed(ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit store did not answer; refusing writes until it does")]
    private partial void LogProbeFailed(Exception exception);
}
