using Npgsql;

namespace RiskRadar.Data;

/// <summary>Start-up work against a database that may still be starting with the rest of the stack.</summary>
public static class StartupRetry
{
    public const int Attempts = 10;

    /// <summary>
    /// Runs <paramref name="work"/>, retrying transient PostgreSQL failures up to <see cref="Attempts"/> times with a
    /// growing pause (2 s, 4 s, … at most 10 s); <paramref name="onRetry"/> is told each failure and its attempt number.
    /// Anything else, and the last failure, propagates: a service that cannot reach its database does not start.
    /// </summary>
    public static async Task RunAsync(
        Func<CancellationToken, Task> work, Action<Exception, int> onRetry, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(onRetry);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await work(cancellationToken);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < Attempts)
            {
                onRetry(ex, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt * 2, 10)), timeProvider, cancellationToken);
            }
        }
    }
}
