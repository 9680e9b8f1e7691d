using Npgsql;

namespace RiskRadar.Gateway.Audit;

/// <summary>Appends to and reads the audit table.</summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    private const string Columns = "e.id, e.occurred_at, e.actor, e.tenant_id, e.api_key_id, e.method, e.route, e.path, e.status, e.outcome, e.correlation_id, e.client_address";

    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        // The record and its outbox row in one statement: either both exist or neither.
        await using var command = dataSource.CreateCommand("""
            with appended as (
                insert into audit_events (occurred_at, actor, tenant_id, api_key_id, method, route, path, status, outcome, correlation_id, client_address)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                returning id
            )
            insert into audit_outbox (audit_id) select id from appended
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

    /// <summary>Selects the outbox's pending rows with their records (outbox id first), for <see cref="AuditPublisher"/>.</summary>
    internal const string ClaimPendingSql = $"""
        select o.id, {Columns} from audit_outbox o join audit_events e on e.id = o.audit_id
        where o.published_at is null order by o.id limit $1
        """;

    /// <summary>A tenant's records in a time range, newest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from audit_events e
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
            records.Add(Read(reader, 0));
        }

        return records;
    }

    /// <summary>Reads the <see cref="Columns"/> of a record starting at column <paramref name="first"/>.</summary>
    internal static AuditRecord Read(NpgsqlDataReader reader, int first) => new(
        reader.GetInt64(first),
        reader.GetFieldValue<DateTimeOffset>(first + 1),
        reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2),
        reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
        reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4),
        reader.GetString(first + 5),
        reader.GetString(first + 6),
        reader.GetString(first + 7),
        reader.GetInt32(first + 8),
        reader.GetString(first + 9),
        reader.IsDBNull(first + 10) ? null : reader.GetString(first + 10),
        reader.IsDBNull(first + 11) ? null : reader.GetString(first + 11));
}
