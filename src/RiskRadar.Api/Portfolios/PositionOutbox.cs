using Npgsql;
using NpgsqlTypes;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;

namespace RiskRadar.Api.Portfolios;

/// <summary>
/// Position events waiting for <c>portfolio.positions</c>: queued inside the change's transaction, published by
/// <see cref="PositionOutboxPublisher"/>. Kafka being down delays events; it never loses or reorders them.
/// </summary>
public sealed class PositionOutbox
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    internal async Task EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<PositionChange> changes, CancellationToken cancellationToken)
    {
        var batch = changes.ToList();
        if (batch.Count == 0)
        {
            return;
        }

        // Ids follow the order of the batch, which is the order the publisher sends them in.
        await using var command = new NpgsqlCommand(
            "insert into position_outbox (position_key, payload) select k, p from unnest($1::text[], $2::bytea[]) with ordinality as u(k, p, n) order by n",
            connection,
            transaction);
        command.Parameters.Add(new() { Value = batch.Select(c => c.Key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = batch.Select(c => EventSerializers.PositionChange.Serialize(c, default)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Wakes the publisher now instead of at its next poll.</summary>
    public void Nudge()
    {
        if (_pending.CurrentCount == 0)
        {
            try
            {
                _pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already nudged.
            }
        }
    }

    internal Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);
}
