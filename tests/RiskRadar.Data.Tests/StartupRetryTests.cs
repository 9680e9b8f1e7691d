using Npgsql;

namespace RiskRadar.Data.Tests;

public sealed class StartupRetryTests
{
    [Fact]
    public async Task Transient_failures_are_retried_with_growing_pauses_until_the_work_succeeds()
    {
        var clock = new InstantTimeProvider();
        var calls = 0;
        var retries = new List<int>();

        await StartupRetry.RunAsync(
            _ => ++calls <= 6 ? throw Transient() : Task.CompletedTask,
            (_, attempt) => retries.Add(attempt),
            clock,
            CancellationToken.None);

        Assert.Equal(7, calls);
        Assert.Equal([1, 2, 3, 4, 5, 6], retries);
        Assert.Equal([2, 4, 6, 8, 10, 10], clock.Delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task A_failure_that_is_not_transient_is_not_retried()
    {
        var calls = 0;
        var error = await Assert.ThrowsAsync<PostgresException>(() => StartupRetry.RunAsync(
            _ =>
            {
                calls++;
                throw new PostgresException("permission denied for schema public", "ERROR", "ERROR", PostgresErrorCodes.InsufficientPrivilege);
            },
            (_, _) => { },
            new InstantTimeProvider(),
            CancellationToken.None));

        Assert.Equal(1, calls);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task The_last_transient_failure_propagates_after_the_last_attempt()
    {
        var calls = 0;
        await Assert.ThrowsAsync<NpgsqlException>(() => StartupRetry.RunAsync(
            _ =>
            {
                calls++;
                throw Transient();
            },
            (_, _) => { },
            new InstantTimeProvider(),
            CancellationToken.None));

        Assert.Equal(StartupRetry.Attempts, calls);
    }

    // Npgsql reports a failure caused by a socket or timeout error as transient (the server not up yet).
    private static NpgsqlException Transient() => new("Failed to connect to 127.0.0.1:5432", new TimeoutException());

    /// <summary>Fires every timer at once and records what it was asked to wait.</summary>
    private sealed class InstantTimeProvider : TimeProvider
    {
        public List<TimeSpan> Delays { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Delays.Add(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new NoTimer();
        }

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
