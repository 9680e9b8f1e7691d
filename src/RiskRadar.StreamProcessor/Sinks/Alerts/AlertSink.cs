using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.Contracts.Events;
using RiskRadar.ServiceDefaults;
using RiskRadar.StreamProcessor.Sinks.Aggregates;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>
/// Evaluates the enabled alert rules against each batch of aggregates and records breaches and clears: rule state,
/// the alert, and the webhook outbox rows in one transaction per batch, then the alerts on <c>risk.alerts</c>.
/// Idempotent: a rule only moves on an aggregate whose window ends after the last one it saw for that portfolio and
/// window kind, so a redelivered batch changes nothing, and alert ids are deterministic.
/// </summary>
public sealed partial class AlertSink(
    NpgsqlDataSource dataSource,
    AlertRuleCache ruleCache,
    IAlertPublisher publisher,
    IOptions<AlertOptions> options,
    TimeProvider timeProvider,
    ILogger<AlertSink> logger) : IRiskResultSink
{
    private static readonly Counter<long> Raised = RiskRadarTelemetry.Meter.CreateCounter<long>("riskradar.alerts.raised", "{alert}");

    /// <summary>After the history (0) and the cache (10): an alert never points at a window the history lacks.</summary>
    public int Order => 20;

    public async Task WriteAsync(IReadOnlyList<RiskAggregate> aggregates, IReadOnlyList<InstrumentBar> bars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        if (aggregates.Count == 0)
        {
            return;
        }

        var rules = await ruleCache.GetAsync(cancellationToken);
        if (rules.Count == 0)
        {
            return;
        }

        // In window-end order, so that a batch holding several windows of a portfolio moves each state through them in turn.
        var checks = new List<(AlertRule Rule, RiskAggregate Aggregate)>();
        foreach (var aggregate in aggregates.OrderBy(a => a.WindowEnd))
        {
            foreach (var rule in rules.ForTenant(aggregate.TenantId))
            {
                if (rule.Matches(aggregate))
                {
                    checks.Add((rule, aggregate));
                }
            }
        }

        if (checks.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var states = await AlertStateStore.LockAsync(connection, transaction, checks.Select(c => new StateKey(c.Rule.RuleId, c.Aggregate.PortfolioId, c.Aggregate.Window)), cancellationToken);

        var raisedAt = AlertStateStore.ToMicroseconds(timeProvider.GetUtcNow());
        var hysteresis = options.Value.Hysteresis;
        var raised = new List<(RiskAlert Alert, string? TargetId)>();
        var seenBefore = new List<(AlertRule Rule, RiskAggregate Aggregate)>();
        var changed = new HashSet<StateKey>();
        foreach (var (rule, aggregate) in checks)
        {
            var key = new StateKey(rule.RuleId, aggregate.PortfolioId, aggregate.Window);
            var state = states[key];
            var windowEnd = AlertStateStore.ToMicroseconds(aggregate.WindowEnd);
            if (state.LastWindowEnd is { } last && windowEnd <= last)
            {
                seenBefore.Add((rule, aggregate));
                continue;
            }

            var evaluation = AlertRuleEvaluator.Evaluate(rule, aggregate, state.Breached, hysteresis);
            var breached = evaluation.Transition switch
            {
                AlertTransition.Breach => true,
                AlertTransition.Clear => false,
                _ => state.Breached,
            };
            states[key] = new AlertState(breached, windowEnd);
            changed.Add(key);

            if (evaluation is { Transition: not AlertTransition.None, Value: { } value })
            {
                var stateName = evaluation.Transition == AlertTransition.Breach ? AlertStates.Breach : AlertStates.Clear;
                var alert = new RiskAlert(
                    AlertIds.For(rule.RuleId, aggregate.PortfolioId, aggregate.Window, windowEnd, stateName),
                    rule.RuleId,
                    aggregate.PortfolioId,
                    aggregate.TenantId,
                    rule.Metric,
                    rule.Threshold,
                    value,
                    stateName,
                    aggregate.Window,
                    windowEnd,
                    raisedAt);
                raised.Add((alert, rule.WebhookTargetId));
            }
        }

        foreach (var (alert, targetId) in await AlertStateStore.SaveAsync(connection, transaction, states, changed, raised, raisedAt, cancellationToken))
        {
            LogTargetMissing(alert.RuleId, targetId, alert.TenantId);
        }

        await transaction.CommitAsync(cancellationToken);
        Raised.Add(raised.Count);

        // Published after the commit, so nothing is announced that the database does not hold. A crash in between
        // leaves committed alerts unpublished, and the redelivered batch then finds its windows already seen: so the
        // stored alerts of already-seen windows are published again. Delivery to risk.alerts is therefore at least
        // once, and a redelivered batch may publish an alert twice; consumers deduplicate by AlertId.
        var publish = raised.ConvertAll(r => r.Alert);
        if (seenBefore.Count > 0)
        {
            publish.AddRange(await ReadStoredAlertsAsync(connection, seenBefore, cancellationToken));
        }

        await publisher.PublishAsync(publish, cancellationToken);
    }

    private static async Task<List<RiskAlert>> ReadStoredAlertsAsync(
        NpgsqlConnection connection,
        List<(AlertRule Rule, RiskAggregate Aggregate)> seen,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            select distinct e.alert_id, e.rule_id, e.portfolio_id, e.tenant_id, e.metric, e.threshold, e.value, e.state,
                e.window_name, e.window_end, e.raised_at
            from alert_events e
            join unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) as k (rule_id, tenant_id, portfolio_id, window_name, window_end)
                on e.rule_id = k.rule_id and e.tenant_id = k.tenant_id and e.portfolio_id = k.portfolio_id
                and e.window_name = k.window_name and e.window_end = k.window_end
            order by e.window_end, e.alert_id
            """, connection);
        command.Parameters.Add(new() { Value = seen.Select(s => s.Rule.RuleId).ToArray() });
        command.Parameters.Add(new() { Value = seen.Select(s => s.Aggregate.TenantId).ToArray() });
        command.Parameters.Add(new() { Value = seen.Select(s => s.Aggregate.PortfolioId).ToArray() });
        command.Parameters.Add(new() { Value = seen.Select(s => s.Aggregate.Window).ToArray() });
        command.Parameters.Add(new() { Value = seen.Select(s => AlertStateStore.ToMicroseconds(s.Aggregate.WindowEnd).UtcDateTime).ToArray() });
        var alerts = new List<RiskAlert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(new RiskAlert(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetDouble(5),
                reader.GetDouble(6),
                reader.GetString(7),
                reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9),
                reader.GetFieldValue<DateTimeOffset>(10)));
        }

        return alerts;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert rule {RuleId} names webhook target {TargetId}, which is not a target of tenant {TenantId}; the alert is not sent by webhook")]
    private partial void LogTargetMissing(string ruleId, string targetId, string tenantId);
}
