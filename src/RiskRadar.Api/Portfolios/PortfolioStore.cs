using Npgsql;
using NpgsqlTypes;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Api.Portfolios;

/// <summary>
/// Portfolios and positions in PostgreSQL, always within one tenant: a portfolio of another tenant is not found.
/// Every change bumps the portfolio's version under a row lock and queues its <see cref="PositionChange"/> events in
/// the outbox in the same transaction.
/// </summary>
public sealed class PortfolioStore(NpgsqlDataSource dataSource, PositionOutbox outbox, TimeProvider time)
{
    private const string Columns = "portfolio_id, tenant_id, name, base_currency, version, created_at, updated_at";

    public async Task<(IReadOnlyList<Portfolio> Items, string? NextCursor)> ListAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from portfolios
            where tenant_id = $1 and portfolio_id > $2
            order by portfolio_id
            limit $3
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = after ?? "" });
        command.Parameters.Add(new() { Value = limit + 1 });
        var items = new List<Portfolio>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        // One row more than asked tells whether another page exists without a count query.
        return items.Count > limit ? (items[..limit], items[limit - 1].Id) : (items, null);
    }

    public async Task<Portfolio?> GetAsync(string tenantId, string portfolioId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from portfolios where tenant_id = $1 and portfolio_id = $2");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = portfolioId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<Position>?> GetPositionsAsync(string tenantId, string portfolioId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select p.instrument_id, p.quantity, p.updated_at
            from portfolios f left join portfolio_positions p on p.portfolio_id = f.portfolio_id
            where f.tenant_id = $1 and f.portfolio_id = $2
            order by p.instrument_id
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = portfolioId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<Position>? positions = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            positions ??= [];
            if (!reader.IsDBNull(0))
            {
                positions.Add(new Position(reader.GetString(0), reader.GetDouble(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        return positions;
    }

    public async Task<PortfolioChangeResult> CreateAsync(string tenantId, string name, string baseCurrency, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand($"""
            insert into portfolios (portfolio_id, tenant_id, name, base_currency, version, created_at, updated_at)
            values ($1, $2, $3, $4, 1, $5, $5)
            on conflict (tenant_id, name) do nothing
            returning {Columns}
            """);
        command.Parameters.Add(new() { Value = Guid.CreateVersion7(now).ToString() });
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = baseCurrency });
        command.Parameters.Add(new() { Value = now });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? PortfolioChangeResult.Done(Read(reader)) : PortfolioChangeResult.NameTaken;
    }

    /// <summary>Renames and/or changes the base currency; a new base currency is re-announced on every position.</summary>
    public Task<PortfolioChangeResult> UpdateAsync(
        string tenantId, string portfolioId, long expectedVersion, string name, string baseCurrency, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, portfolioId, expectedVersion, async (change, current) =>
        {
            await using (var taken = change.Command("select 1 from portfolios where tenant_id = $1 and name = $2 and portfolio_id <> $3"))
            {
                taken.Parameters.Add(new() { Value = tenantId });
                taken.Parameters.Add(new() { Value = name });
                taken.Parameters.Add(new() { Value = portfolioId });
                if (await taken.ExecuteScalarAsync(cancellationToken) is not null)
                {
                    return false;
                }
            }

            await using (var update = change.Command("update portfolios set name = $2, base_currency = $3 where portfolio_id = $1"))
            {
                update.Parameters.Add(new() { Value = portfolioId });
                update.Parameters.Add(new() { Value = name });
                update.Parameters.Add(new() { Value = baseCurrency });
                await update.ExecuteNonQueryAsync(cancellationToken);
            }

            if (!string.Equals(current.BaseCurrency, baseCurrency, StringComparison.Ordinal))
            {
                foreach (var position in await change.ReadPositionsAsync(cancellationToken))
                {
                    change.Announce(position.Key, position.Value, baseCurrency);
                }
            }

            return true;
        }, cancellationToken);

    /// <summary>Closes every position (so the pipeline drops the holdings) and deletes the portfolio.</summary>
    public async Task<PortfolioChangeResult> DeleteAsync(string tenantId, string portfolioId, long expectedVersion, CancellationToken cancellationToken)
    {
        var result = await ChangeAsync(tenantId, portfolioId, expectedVersion, async (change, current) =>
        {
            foreach (var position in await change.ReadPositionsAsync(cancellationToken))
            {
                change.Announce(position.Key, 0, current.BaseCurrency);
            }

            await using var delete = change.Command("delete from portfolios where portfolio_id = $1");
            delete.Parameters.Add(new() { Value = portfolioId });
            await delete.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }, cancellationToken);
        return result;
    }

    /// <summary>
    /// Sets the given quantities (zero closes a position); with <paramref name="replace"/> every position not given is
    /// closed too. <paramref name="expectedVersion"/> null skips the concurrency check.
    /// </summary>
    public Task<PortfolioChangeResult> ChangePositionsAsync(
        string tenantId, string portfolioId, long? expectedVersion, IReadOnlyList<PositionInput> positions, bool replace, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, portfolioId, expectedVersion, async (change, current) =>
        {
            var held = await change.ReadPositionsAsync(cancellationToken);
            var wanted = positions.ToDictionary(p => p.InstrumentId, p => p.Quantity, StringComparer.Ordinal);
            if (replace)
            {
                foreach (var instrument in held.Keys.Where(i => !wanted.ContainsKey(i)))
                {
                    wanted[instrument] = 0;
                }
            }

            var upsert = new List<(string Instrument, double Quantity)>();
            var close = new List<string>();
            foreach (var (instrument, quantity) in wanted)
            {
                var isHeld = held.TryGetValue(instrument, out var heldQuantity);
                if (quantity == 0 ? !isHeld : isHeld && heldQuantity == quantity)
                {
                    continue; // No change, no event.
                }

                if (quantity == 0)
                {
                    close.Add(instrument);
                }
                else
                {
                    upsert.Add((instrument, quantity));
                }

                change.Announce(instrument, quantity, current.BaseCurrency);
            }

            if (upsert.Count == 0 && close.Count == 0)
            {
                change.NothingChanged = true;
                return true;
            }

            await using (var write = change.Command("""
                with closed as (delete from portfolio_positions where portfolio_id = $1 and instrument_id = any($2))
                insert into portfolio_positions (portfolio_id, instrument_id, quantity, updated_at)
                select $1, u.instrument, u.quantity, $5 from unnest($3::text[], $4::float8[]) as u(instrument, quantity)
                on conflict (portfolio_id, instrument_id) do update set quantity = excluded.quantity, updated_at = excluded.updated_at
                """))
            {
                write.Parameters.Add(new() { Value = portfolioId });
                write.Parameters.Add(new() { Value = close.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                write.Parameters.Add(new() { Value = upsert.Select(u => u.Instrument).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                write.Parameters.Add(new() { Value = upsert.Select(u => u.Quantity).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
                write.Parameters.Add(new() { Value = change.Now });
                await write.ExecuteNonQueryAsync(cancellationToken);
            }

            return true;
        }, cancellationToken);

    private async Task<PortfolioChangeResult> ChangeAsync(
        string tenantId,
        string portfolioId,
        long? expectedVersion,
        Func<PortfolioChange, Portfolio, Task<bool>> apply,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Portfolio current;
        await using (var select = new NpgsqlCommand($"select {Columns} from portfolios where tenant_id = $1 and portfolio_id = $2 for update", connection, transaction))
        {
            select.Parameters.Add(new() { Value = tenantId });
            select.Parameters.Add(new() { Value = portfolioId });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return PortfolioChangeResult.NotFound;
            }

            current = Read(reader);
        }

        if (expectedVersion is { } expected && expected != current.Version)
        {
            return PortfolioChangeResult.VersionMismatch(current);
        }

        var change = new PortfolioChange(connection, transaction, current, time.GetUtcNow());
        if (!await apply(change, current))
        {
            return PortfolioChangeResult.NameTaken;
        }

        if (change.NothingChanged)
        {
            return PortfolioChangeResult.Done(current);
        }

        Portfolio? updated = null;
        await using (var bump = new NpgsqlCommand($"update portfolios set version = version + 1, updated_at = $2 where portfolio_id = $1 returning {Columns}", connection, transaction))
        {
            bump.Parameters.Add(new() { Value = portfolioId });
            bump.Parameters.Add(new() { Value = change.Now });
            await using var reader = await bump.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                updated = Read(reader);
            }
        }

        // A deleted portfolio has no row to bump: its events carry the version it would have had.
        var version = updated?.Version ?? current.Version + 1;
        await outbox.EnqueueAsync(connection, transaction, change.Events(version), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Nudge();
        return PortfolioChangeResult.Done(updated ?? current with { Version = version, UpdatedAt = change.Now });
    }

    private static Portfolio Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetInt64(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.GetFieldValue<DateTimeOffset>(6));
}
