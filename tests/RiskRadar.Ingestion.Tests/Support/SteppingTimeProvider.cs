namespace RiskRadar.Ingestion.Tests.Support;

/// <summary>
/// A clock that never waits: every timer fires at once and moves the clock forward by its due time, recording it.
/// Paced code then runs instantly, and the recorded delays show the pacing it asked for.
/// </summary>
public sealed class SteppingTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _delays = [];
    private DateTimeOffset _now = start;

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_lock)
            {
                return [.. _delays];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FiringTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Fire(TimeSpan dueTime, TimerCallback callback, object? state)
    {
        lock (_lock)
        {
            _now += dueTime;
            _delays.Add(dueTime);
        }

        // Never inline: the caller may not have stored the timer yet.
        ThreadPool.QueueUserWorkItem(_ => callback(state));
    }

    private sealed class FiringTimer(SteppingTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                owner.Fire(dueTime, callback, state);
            }

            return true;
        }

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
