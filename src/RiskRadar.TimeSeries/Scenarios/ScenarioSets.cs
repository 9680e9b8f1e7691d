using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.TimeSeries.History;

namespace RiskRadar.TimeSeries.Scenarios;

/// <summary>
/// The current daily scenario set of this process, in memory, and the sets results named recently. It follows the
/// stored history: when the history's revision moves, the set of the new revision is taken from the store, or built
/// and stored if no service has built it yet. Building is deterministic, so two replicas that build at once store
/// the same set under the same id.
/// </summary>
public sealed partial class ScenarioSets(
    DailyBarStore history,
    ScenarioSetStore store,
    IOptions<ScenarioSetOptions> options,
    ILogger<ScenarioSets> logger) : ICurrentScenarioSet
{
    private const int RecentSets = 8;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ConcurrentDictionary<string, ScenarioSet> _recent = new(StringComparer.Ordinal);
    private volatile Snapshot? _current;

    /// <summary>The set of the newest history this process has seen, or null while the store holds no history.</summary>
    public ScenarioSet? Current => _current?.Set;

    /// <summary>The set with this id: from memory when recent, else from the store; null when unknown or pruned.</summary>
    public async ValueTask<ScenarioSet?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (_current?.Set is { } current && current.Id == id)
        {
            return current;
        }

        if (_recent.TryGetValue(id, out var recent))
        {
            return recent;
        }

        var stored = await store.GetAsync(id, cancellationToken);
        if (stored is not null)
        {
            Remember(stored);
        }

        return stored;
    }

    /// <summary>Brings <see cref="Current"/> up to the stored history's revision; returns the current set.</summary>
    public async Task<ScenarioSet?> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var revision = await history.RevisionAsync(cancellationToken);
            if (_current is { } current && current.Revision == revision)
            {
                return current.Set;
            }

            var parameters = options.Value.Parameters;
            var started = Stopwatch.GetTimestamp();
            var set = await store.FindAsync(revision, parameters, cancellationToken);
            var built = false;
            if (set is null)
            {
                // The base close of the oldest row, and closes a gap may carry forward, come before the kept rows.
                var (closes, readRevision) = await history.ReadHistoryAsync(parameters.Depth + 1 + parameters.MaxFillDays, cancellationToken);
                revision = readRevision;
                if (closes.Dates.Count < 2)
                {
                    _current = new Snapshot(null, revision);
                    return null;
                }

                set = ScenarioSetBuilder.Build(closes, parameters);
                await store.SaveAsync(set, revision, cancellationToken);
                built = true;
            }

            _current = new Snapshot(set, revision);
            Remember(set);
            LogSetReady(set.Id, built ? "built" : "loaded", set.Instruments.Count, set.Rows, set.AsOf, Stopwatch.GetElapsedTime(started).TotalMilliseconds, revision);
            return set;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private void Remember(ScenarioSet set)
    {
        _recent[set.Id] = set;
        foreach (var old in _recent.Keys.Where(k => k != set.Id).Take(Math.Max(0, _recent.Count - RecentSets)).ToList())
        {
            _recent.TryRemove(old, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Scenario set {SetId} {How}: {Instruments} instruments × {Rows} daily rows as of {AsOf}, in {Milliseconds:0} ms (history revision {Revision})")]
    private partial void LogSetReady(string setId, string how, int instruments, int rows, DateOnly asOf, double milliseconds, long revision);

    private sealed record Snapshot(ScenarioSet? Set, long Revision);
}
