using Microsoft.Extensions.Options;
using Npgsql;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>
/// The enabled rules, re-read from <c>alert_rules</c> at most every <see cref="AlertOptions.RuleRefreshInterval"/>, so
/// the sink does not query them per batch and a rule edited through the API takes effect within that interval.
/// </summary>
public sealed partial class AlertRuleCache(
    NpgsqlDataSource dataSource,
    IOptions<AlertOptions> options,
    TimeProvider timeProvider,
    ILogger<AlertRuleCache> logger)
{
    // One immutable snapshot swapped whole. The sink service and the provisional monitor each call from one loop, so
    // two concurrent refreshes are rare and harmless (both read the table; the later one wins); no lock is needed.
    private volatile Snapshot? _snapshot;

    public async ValueTask<AlertRuleSet> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && timeProvider.GetElapsedTime(snapshot.LoadedAt) < options.Value.RuleRefreshInterval)
        {
            return snapshot.Rules;
        }

        var (rules, unknown) = await AlertRuleStore.LoadEnabledAsync(dataSource, cancellationToken);
        if (unknown.Count > 0)
        {
            LogUnknownRules(unknown.Count, string.Join(", ", unknown));
        }

        var loaded = new Snapshot(new AlertRuleSet(rules), timeProvider.GetTimestamp());
        _snapshot = loaded;
        return loaded.Rules;
    }

    /// <summary>Makes the next <see cref="GetAsync"/> read the table (after a rule was changed in-process, or in tests).</summary>
    public void Invalidate() => _snapshot = null;

    private sealed record Snapshot(AlertRuleSet Rules, long LoadedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} enabled alert rules are ignored: unknown metric or non-finite threshold ({RuleIds})")]
    private partial void LogUnknownRules(int count, string ruleIds);
}
