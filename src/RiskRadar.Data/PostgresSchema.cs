using Npgsql;

namespace RiskRadar.Data;

/// <summary>Creates a service's tables with idempotent DDL ("create … if not exists").</summary>
public static class PostgresSchema
{
    /// <summary>
    /// Runs <paramref name="ddl"/> in one transaction holding the advisory lock <paramref name="lockKey"/>. Safe to run
    /// repeatedly and from several replicas at once.
    /// </summary>
    /// <remarks>
    /// Concurrent "create … if not exists" statements can still collide on the catalog's unique indexes, so replicas
    /// starting together take turns; each schema has its own key so unrelated services never wait for each other.
    /// </remarks>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, long lockKey, string ddl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"select pg_advisory_xact_lock({lockKey}); {ddl}", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
