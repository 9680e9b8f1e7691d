using Npgsql;

namespace RiskRadar.Gateway.Audit;

/// <summary>Appends to and reads the audit table.</summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, occurred_at, actor, tenant_id, api_key_id, method, route, path, status, outcome, correlation_id, client_address";

    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            insert into audit_events (occurred_at, actor, tenant_id, api_key_id, method, route, path, status, outcome, correlation_id, client_address)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """);
        command.Parameters.Add(new() { Value = record.OccurredAt });
        command.Parameters.Add(Text(record.Actor));
        command.Parameters.Add(Text(record.TenantId));
        command.Parameters.Add(Text(record.ApiKeyId));
        command.Parameters.Add(new() { Value = record.Method });
        command.Parameters.Add(new() { Value = record.Route });
        command.Parameters.Add(new() { Value = record.Path });
        command.Parameters.Add(new() { Value = record.Status });
        command.Parameters.Add(new() { Value = record.Outcome });
        command.Parameters.Add(Text(record.CorrelationId));
        command.Parameters.Add(Text(record.ClientAddress));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records after <paramref name="afterId"/> in id order: the publisher's feed.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from audit_events where id > $1 order by id limit $2");
        command.Parameters.Add(new() { Value = afterId });
        command.Parameters.Add(new() { Value = limit });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>A tenant's records in a time range, newest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from audit_events
            where tenant_id = $1 and occurred_at >= $2 and occurred_at < $3
            order by id desc limit $4
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        command.Parameters.Add(new() { Value = limit });
        return await ReadAsync(command, cancellationToken);
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    private static async Task<IReadOnlyList<AuditRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AuditRecord(
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetInt32(8),
                reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return records;
    }
}
