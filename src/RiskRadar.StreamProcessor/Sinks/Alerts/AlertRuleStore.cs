using Npgsql;
using RiskRadar.Alerts;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>Reads rules from <c>alert_rules</c> and upserts the rules and targets of the configuration into the tables.</summary>
public static class AlertRuleStore
{
    /// <summary>The enabled rules; rules whose metric this version does not know are returned in <paramref name="unknown"/> instead.</summary>
    public static async Task<(IReadOnlyList<AlertRule> Rules, IReadOnlyList<string> Unknown)> LoadEnabledAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            "select rule_id, tenant_id, portfolio_id, metric, threshold, window_name, webhook_target_id, hold_down_ms from alert_rules where enabled");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rules = new List<AlertRule>();
        var unknown = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var rule = new AlertRule(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.GetDouble(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(7)));
            if ((rule.IsProvisional ? ProvisionalAlerts.IsKnown(rule.Metric) : AlertMetrics.IsKnown(rule.Metric)) && double.IsFinite(rule.Threshold))
            {
                rules.Add(rule);
            }
            else
            {
                unknown.Add(rule.RuleId);
            }
        }

        return (rules, unknown);
    }

    /// <summary>
    /// Upserts the configured targets and rules in one transaction. Configuration wins for the ids it names (so an
    /// edit to appsettings takes effect on restart); rows it does not name are left alone.
    /// </summary>
    public static async Task SeedAsync(NpgsqlDataSource dataSource, AlertOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Rules.Count == 0 && options.WebhookTargets.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var target in options.WebhookTargets)
        {
            var command = new NpgsqlBatchCommand("""
                insert into alert_webhook_targets (target_id, tenant_id, url, secret) values ($1, $2, $3, $4)
                on conflict (target_id) do update set tenant_id = excluded.tenant_id, url = excluded.url, secret = excluded.secret
                """);
            command.Parameters.Add(new() { Value = target.TargetId });
            command.Parameters.Add(new() { Value = target.TenantId });
            command.Parameters.Add(new() { Value = target.Url });
            command.Parameters.Add(new() { Value = target.Secret });
            batch.BatchCommands.Add(command);
        }

        foreach (var rule in options.Rules)
        {
            var command = new NpgsqlBatchCommand("""
                insert into alert_rules (rule_id, tenant_id, portfolio_id, metric, threshold, window_name, webhook_target_id, enabled, hold_down_ms)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                on conflict (rule_id) do update set tenant_id = excluded.tenant_id, portfolio_id = excluded.portfolio_id,
                    metric = excluded.metric, threshold = excluded.threshold, window_name = excluded.window_name,
                    webhook_target_id = excluded.webhook_target_id, enabled = excluded.enabled, hold_down_ms = excluded.hold_down_ms
                """);
            command.Parameters.Add(new() { Value = rule.RuleId });
            command.Parameters.Add(new() { Value = rule.TenantId });
            command.Parameters.Add(new() { Value = (object?)rule.PortfolioId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = rule.Metric });
            command.Parameters.Add(new() { Value = rule.Threshold });
            command.Parameters.Add(new() { Value = (object?)rule.Window ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = (object?)rule.WebhookTargetId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = rule.Enabled });
            command.Parameters.Add(new() { Value = (object?)(long?)rule.HoldDown?.TotalMilliseconds ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
