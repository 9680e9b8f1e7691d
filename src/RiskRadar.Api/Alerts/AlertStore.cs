using Npgsql;
using NpgsqlTypes;
using RiskRadar.Alerts;

namespace RiskRadar.Api.Alerts;

/// <summary>The tenant's rows of the alert tables the StreamProcessor evaluates (it re-reads rules periodically).</summary>
public sealed class AlertStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string RuleColumns = "rule_id, portfolio_id, metric, threshold, window_name, webhook_target_id, enabled, version, created_at, hold_down_ms";

    public async Task<IReadOnlyList<AlertRuleResponse>> ListRulesAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {RuleColumns} from alert_rules where tenant_id = $1 and rule_id > $2 order by rule_id limit $3");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = after ?? "" });
        command.Parameters.Add(new() { Value = limit });
        return await ReadRulesAsync(command, cancellationToken);
    }

    public async Task<AlertRuleResponse?> GetRuleAsync(string tenantId, string ruleId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {RuleColumns} from alert_rules where tenant_id = $1 and rule_id = $2");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = ruleId });
        return (await ReadRulesAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<AlertRuleResponse> CreateRuleAsync(string tenantId, AlertRuleRequest rule, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            insert into alert_rules (rule_id, tenant_id, portfolio_id, metric, threshold, window_name, webhook_target_id, enabled, hold_down_ms, version, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10)
            returning {RuleColumns}
            """);
        command.Parameters.Add(new() { Value = Guid.CreateVersion7(time.GetUtcNow()).ToString() });
        command.Parameters.Add(new() { Value = tenantId });
        AddRuleValues(command, rule);
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        return (await ReadRulesAsync(command, cancellationToken)).Single();
    }

    /// <returns>The updated rule; null when it is not the tenant's; the current one (unchanged) when the version differs.</returns>
    public async Task<(AlertRuleResponse? Rule, bool VersionMismatch)> UpdateRuleAsync(
        string tenantId, string ruleId, long expectedVersion, AlertRuleRequest rule, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            update alert_rules set portfolio_id = $3, metric = $4, threshold = $5, window_name = $6, webhook_target_id = $7, enabled = $8,
                hold_down_ms = $9, version = version + 1
            where rule_id = $1 and tenant_id = $2 and version = $10
            returning {RuleColumns}
            """);
        command.Parameters.Add(new() { Value = ruleId });
        command.Parameters.Add(new() { Value = tenantId });
        AddRuleValues(command, rule);
        command.Parameters.Add(new() { Value = expectedVersion });
        if ((await ReadRulesAsync(command, cancellationToken)).SingleOrDefault() is { } updated)
        {
            return (updated, false);
        }

        var current = await GetRuleAsync(tenantId, ruleId, cancellationToken);
        return (current, current is not null);
    }

    public async Task<(bool Found, long? CurrentVersion)> DeleteRuleAsync(string tenantId, string ruleId, long expectedVersion, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("delete from alert_rules where rule_id = $1 and tenant_id = $2 and version = $3");
        command.Parameters.Add(new() { Value = ruleId });
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = expectedVersion });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return (true, null);
        }

        var current = await GetRuleAsync(tenantId, ruleId, cancellationToken);
        return (current is not null, current?.Version);
    }

    public async Task<IReadOnlyList<AlertEventResponse>> ListEventsAsync(
        string tenantId, string? portfolioId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select alert_id, rule_id, portfolio_id, metric, threshold, value, state, window_name, window_end, raised_at
            from alert_events
            where tenant_id = $1 and ($2::text is null or portfolio_id = $2) and raised_at >= $3 and raised_at < $4
            order by raised_at desc, alert_id
            limit $5
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = (object?)portfolioId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<AlertEventResponse>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new AlertEventResponse(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4), reader.GetDouble(5),
                reader.GetString(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return events;
    }

    public async Task<bool> TargetExistsAsync(string tenantId, string targetId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select 1 from alert_webhook_targets where tenant_id = $1 and target_id = $2");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = targetId });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<IReadOnlyList<WebhookTargetResponse>> ListTargetsAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select target_id, url, created_at from alert_webhook_targets where tenant_id = $1 order by target_id");
        command.Parameters.Add(new() { Value = tenantId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var targets = new List<WebhookTargetResponse>();
        while (await reader.ReadAsync(cancellationToken))
        {
            targets.Add(new WebhookTargetResponse(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return targets;
    }

    public async Task<WebhookTargetResponse> CreateTargetAsync(string tenantId, string url, string secret, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand("insert into alert_webhook_targets (target_id, tenant_id, url, secret, created_at) values ($1, $2, $3, $4, $5)");
        var id = Guid.CreateVersion7(now).ToString();
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = url });
        command.Parameters.Add(new() { Value = secret });
        command.Parameters.Add(new() { Value = now });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new WebhookTargetResponse(id, url, now);
    }

    public async Task<bool> DeleteTargetAsync(string tenantId, string targetId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("delete from alert_webhook_targets where tenant_id = $1 and target_id = $2");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = targetId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void AddRuleValues(NpgsqlCommand command, AlertRuleRequest rule)
    {
        command.Parameters.Add(new() { Value = (object?)rule.PortfolioId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = rule.Metric! });
        command.Parameters.Add(new() { Value = rule.Threshold!.Value });
        command.Parameters.Add(new() { Value = (object?)rule.Window ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)rule.WebhookTargetId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = rule.Enabled ?? true });
        command.Parameters.Add(new() { Value = (object?)HoldDownMs(rule) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
    }

    /// <summary>A provisional rule's hold-down, the default when none is given; none for a rule on window aggregates.</summary>
    private static long? HoldDownMs(AlertRuleRequest rule) =>
        rule.Window != ProvisionalAlerts.Window ? null
        : (long)Math.Round((rule.HoldDownSeconds ?? ProvisionalAlerts.DefaultHoldDown.TotalSeconds) * 1000);

    private static async Task<IReadOnlyList<AlertRuleResponse>> ReadRulesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rules = new List<AlertRuleResponse>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rules.Add(new AlertRuleResponse(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetBoolean(6),
                reader.GetInt64(7),
                reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetInt64(9) / 1000.0));
        }

        return rules;
    }
}
