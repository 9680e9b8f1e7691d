using Npgsql;
using NpgsqlTypes;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>
/// The rule states and raised alerts in <c>alert_states</c>, <c>alert_events</c> and the webhook outbox, as the sinks
/// that move rules (final aggregates: <see cref="AlertSink"/>; provisional figures: <see cref="ProvisionalAlertMonitor"/>)
/// write them, always inside the caller's transaction.
/// </summary>
internal static class AlertStateStore
{
    /// <summary>
    /// Creates the missing state rows, then locks every row in key order: two instances briefly owning the same
    /// portfolio during a rebalance serialise here instead of both making the same transition.
    /// </summary>
    public static async Task<Dictionary<StateKey, AlertState>> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<StateKey> stateKeys, CancellationToken cancellationToken)
    {
        var keys = stateKeys
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

    /// <summary>Whether each rule is breached for each portfolio, read without locking (rows never written read as clear).</summary>
    public static async Task<Dictionary<StateKey, bool>> ReadBreachedAsync(
        NpgsqlDataSource dataSource, IReadOnlyCollection<StateKey> keys, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select s.rule_id, s.portfolio_id, s.window_name, s.breached
            from alert_states s
            join unnest($1::text[], $2::text[], $3::text[]) as k (rule_id, portfolio_id, window_name)
                on s.rule_id = k.rule_id and s.portfolio_id = k.portfolio_id and s.window_name = k.window_name
            """);
        command.Parameters.Add(new() { Value = keys.Select(k => k.RuleId).ToArray() });
        command.Parameters.Add(new() { Value = keys.Select(k => k.PortfolioId).ToArray() });
        command.Parameters.Add(new() { Value = keys.Select(k => k.Window).ToArray() });
        var breached = keys.ToDictionary(k => k, _ => false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            breached[new StateKey(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = reader.GetBoolean(3);
        }

        return breached;
    }

    /// <summary>Writes the changed states, then the raised alerts and their webhook outbox rows.</summary>
    /// <returns>The alerts whose rule names a webhook target that is not one of the alert's tenant (not enqueued).</returns>
    public static async Task<List<(RiskAlert Alert, string TargetId)>> SaveAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        Dictionary<StateKey, AlertState> states,
        IReadOnlyCollection<StateKey> changed,
        IReadOnlyList<(RiskAlert Alert, string? TargetId)> raised,
        DateTimeOffset raisedAt,
        CancellationToken cancellationToken)
    {
        await SaveStatesAsync(connection, transaction, states, changed, cancellationToken);
        return raised.Count == 0 ? [] : await InsertAlertsAsync(connection, transaction, raised, raisedAt, cancellationToken);
    }

    private static async Task SaveStatesAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        Dictionary<StateKey, AlertState> states,
        IReadOnlyCollection<StateKey> changed,
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

    private static async Task<List<(RiskAlert Alert, string TargetId)>> InsertAlertsAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IReadOnlyList<(RiskAlert Alert, string? TargetId)> raised,
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
        return [.. outbox.Where(o => o.Command.RecordsAffected == 0).Select(o => (o.Alert, o.TargetId))];
    }

    /// <summary>PostgreSQL keeps microseconds; comparing and hashing at that precision keeps stored and fresh values equal.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    private static NpgsqlBatchCommand WithParameters(NpgsqlBatchCommand command, params object[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return command;
    }
}

internal readonly record struct StateKey(string RuleId, string PortfolioId, string Window);

internal readonly record struct AlertState(bool Breached, DateTimeOffset? LastWindowEnd);
