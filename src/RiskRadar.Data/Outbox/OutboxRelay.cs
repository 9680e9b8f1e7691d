using Npgsql;

namespace RiskRadar.Data.Outbox;

/// <summary>
/// Relays an outbox table: claims its pending rows in id order while holding the table's advisory lock, hands them to
/// the caller to publish, and records the outcome in the same transaction. A row is pending until marked, so a row
/// that commits after a higher id was relayed is still relayed (a "last id" cursor would skip it for good: ids are
/// drawn at insert, transactions commit in any order). One relay per table runs at a time, across replicas, so the
/// rows of one key reach the topic in id order.
/// </summary>
/// <remarks>
/// At least once: a crash after publishing and before the commit publishes those rows again, with the same content.
/// </remarks>
public sealed class OutboxRelay(NpgsqlDataSource dataSource, long lockKey)
{
    /// <summary>Relays one batch; returns how many rows were claimed (0 when another relay holds the lock).</summary>
    /// <param name="claimSql">Selects the pending rows in id order, <c>limit $1</c>; further parameters from <paramref name="parameters"/>.</param>
    /// <param name="read">Reads one claimed row.</param>
    /// <param name="publish">
    /// Publishes the rows, waits for the broker or receiver, and returns the statements that record each outcome (run
    /// in the claim's transaction). Throwing leaves every row pending.
    /// </param>
    public async Task<int> RelayAsync<TRow>(
        string claimSql,
        int batchSize,
        Func<NpgsqlDataReader, TRow> read,
        Func<IReadOnlyList<TRow>, CancellationToken, Task<IReadOnlyList<NpgsqlBatchCommand>>> publish,
        CancellationToken cancellationToken,
        params object[] parameters)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(publish);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"select pg_try_advisory_xact_lock({lockKey})", connection, transaction))
        {
            if (await lockCommand.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0;
            }
        }

        var rows = new List<TRow>();
        await using (var claim = new NpgsqlCommand(claimSql, connection, transaction))
        {
            claim.Parameters.Add(new() { Value = batchSize });
            foreach (var parameter in parameters)
            {
                claim.Parameters.Add(new() { Value = parameter });
            }

            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        var marks = await publish(rows, cancellationToken);

        // Once published, the outcome is recorded even while stopping: otherwise it would all be sent again.
        if (marks.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var command in marks)
            {
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        return rows.Count;
    }
}

/// <summary>The marking statement most outboxes need: the relayed ids are published.</summary>
public static class OutboxMarks
{
    /// <summary><c>update {table} set published_at = now() where id = any(ids)</c>.</summary>
    public static NpgsqlBatchCommand Published(string table, long[] ids)
    {
        var command = new NpgsqlBatchCommand($"update {table} set published_at = now() where id = any($1)");
        command.Parameters.Add(new() { Value = ids });
        return command;
    }
}
