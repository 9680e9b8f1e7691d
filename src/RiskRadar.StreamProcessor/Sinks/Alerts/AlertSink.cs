using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
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
        var states = await LockStatesAsync(connection, transaction, checks, cancellationToken);

        var raisedAt = ToMicroseconds(timeProvider.GetUtcNow());
        var hysteresis = options.Value.Hysteresis;
        var raised = new List<(RiskAlert Alert, string? TargetId)>();
        var seenBefore = new List<(AlertRule Rule, RiskAggregate Aggregate)>();
        var changed = new HashSet<StateKey>();
        foreach (var (rule, aggregate) in checks)
        {
            var key = new StateKey(rule.RuleId, aggregate.PortfolioId, aggregate.Window);
            var state = states[key];
            var windowEnd = ToMicroseconds(aggregate.WindowEnd);
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

        await SaveStatesAsync(connection, transaction, states, changed, cancellationToken);
        if (raised.Count > 0)
        {
            await InsertAlertsAsync(connection, transaction, raised, raisedAt, cancellationToken);
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

    // Creates the missing state rows, then locks every row of the batch in key order: two instances briefly owning the
    // same portfolio during a rebalance serialise here instead of both making the same transition.
    private static async Task<Dictionary<StateKey, AlertState>> LockStatesAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        List<(AlertRule Rule, RiskAggregate Aggregate)> checks,
        CancellationToken cancellationToken)
    {
        var keys = checks
            .Select(c => new StateKey(c.Rule.RuleId, c.Aggregate.PortfolioId, c.Aggregate.Window))
            .Distinct()
            .OrderBy(k => k.RuleId, StringComparer.Ordinal)
            .ThenBy(k => k.PortfolioId, StringComparer.Ordinal)
            .ThenBy(k => k.Window, StringComparer.Ordinal)
            .ToArray();
        var ruleIds = keys.Select(k => k.RuleId).ToArray();
        var portfolioIds = keys.Select(k => k.PortfolioId).ToArray();
        var windows = keys.Select(k => k.Window).ToArray();

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(WithParameters(
            new NpgsqlBatchCommand("""
                insert into alert_states (rule_id, portfolio_id, window_name)
                select * from unnest($1::text[], $2::text[], $3::text[])
                on conflict do nothing
                """),
            ruleIds,
            portfolioIds,
            windows));
        batch.BatchCommands.Add(WithParameters(
            new NpgsqlBatchCommand("""
                select s.rule_id, s.portfolio_id, s.window_name, s.breached, s.last_window_end
                from alert_states s
                join unnest($1::text[], $2::text[], $3::text[]) as k (rule_id, portfolio_id, window_name)
                    on s.rule_id = k.rule_id and s.portfolio_id = k.portfolio_id and s.window_name = k.window_name
                order by s.rule_id, s.portfolio_id, s.window_name
                for update of s
                """),
            ruleIds,
            portfolioIds,
            windows));

        var states = new Dictionary<StateKey, AlertState>(keys.Length);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states[new StateKey(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = new AlertState(
                reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4));
        }

        return states;
    }

    private static async Task SaveStatesAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        Dictionary<StateKey, AlertState> states,
        HashSet<StateKey> changed,
        CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("""
            update alert_states s set breached = u.breached, last_window_end = u.last_window_end
            from unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::timestamptz[])
                as u (rule_id, portfolio_id, window_name, breached, last_window_end)
            where s.rule_id = u.rule_id and s.portfolio_id = u.portfolio_id and s.window_name = u.window_name
            """, connection, transaction);
        command.Parameters.Add(new() { Value = changed.Select(k => k.RuleId).ToArray() });
        command.Parameters.Add(new() { Value = changed.Select(k => k.PortfolioId).ToArray() });
        command.Parameters.Add(new() { Value = changed.Select(k => k.Window).ToArray() });
        command.Parameters.Add(new() { Value = changed.Select(k => states[k].Breached).ToArray() });
        command.Parameters.Add(new() { Value = changed.Select(k => states[k].LastWindowEnd!.Value.UtcDateTime).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task InsertAlertsAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        List<(RiskAlert Alert, string? TargetId)> raised,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var outbox = new List<(NpgsqlBatchCommand Command, RiskAlert Alert, string TargetId)>();
        foreach (var (alert, targetId) in raised)
        {
            var insert = new NpgsqlBatchCommand("""
                insert into alert_events (alert_id, rule_id, portfolio_id, tenant_id, metric, threshold, value, state, window_name, window_end, raised_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                on conflict (alert_id) do nothing
                """);
            foreach (var value in (object[])[alert.AlertId, alert.RuleId, alert.PortfolioId, alert.TenantId, alert.Metric, alert.Threshold, alert.Value, alert.State, alert.Window, alert.WindowEnd, alert.RaisedAt])
            {
                insert.Parameters.Add(new() { Value = value });
            }

            batch.BatchCommands.Add(insert);
            if (targetId is null)
            {
                continue;
            }

            // The join on the tenant keeps a rule from notifying another tenant's endpoint, whatever the rule row says.
            var enqueue = new NpgsqlBatchCommand("""
                insert into webhook_outbox (alert_id, target_id, payload, next_attempt_at)
                select $1, t.target_id, $2, $3 from alert_webhook_targets t where t.target_id = $4 and t.tenant_id = $5
                on conflict (alert_id, target_id) do nothing
                """);
            enqueue.Parameters.Add(new() { Value = alert.AlertId });
            enqueue.Parameters.Add(new() { Value = EventSerializers.RiskAlert.Serialize(alert, default), NpgsqlDbType = NpgsqlDbType.Jsonb });
            enqueue.Parameters.Add(new() { Value = now });
            enqueue.Parameters.Add(new() { Value = targetId });
            enqueue.Parameters.Add(new() { Value = alert.TenantId });
            batch.BatchCommands.Add(enqueue);
            outbox.Add((enqueue, alert, targetId));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        foreach (var (command, alert, targetId) in outbox)
        {
            if (command.RecordsAffected == 0)
            {
                LogTargetMissing(alert.RuleId, targetId, alert.TenantId);
            }
        }
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
        command.Parameters.Add(new() { Value = seen.Select(s => ToMicroseconds(s.Aggregate.WindowEnd).UtcDateTime).ToArray() });
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

    private static NpgsqlBatchCommand WithParameters(NpgsqlBatchCommand command, params object[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return command;
    }

    // PostgreSQL keeps microseconds; comparing and hashing at that precision keeps stored and fresh values equal.
    private static DateTimeOffset ToMicroseconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    private readonly record struct StateKey(string RuleId, string PortfolioId, string Window);

    private readonly record struct AlertState(bool Breached, DateTimeOffset? LastWindowEnd);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert rule {RuleId} names webhook target {TargetId}, which is not a target of tenant {TenantId}; the alert is not sent by webhook")]
    private partial void LogTargetMissing(string ruleId, string targetId, string tenantId);
}
