using Npgsql;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Api.Portfolios;

/// <summary>
/// The instrument master as Ingestion keeps it (<c>instruments</c>): positions may only name instruments in it. Before
/// Ingestion has created the table nothing is known, so nothing can be held.
/// </summary>
public sealed class InstrumentCatalog(NpgsqlDataSource dataSource)
{
    private const string Columns = "instrument_id, symbol, asset_class, currency, price_scale";

    public async Task<IReadOnlySet<string>> KnownAsync(IEnumerable<string> instrumentIds, CancellationToken cancellationToken)
    {
        var ids = instrumentIds.Distinct(StringComparer.Ordinal).ToArray();
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Length == 0)
        {
            return known;
        }

        try
        {
            await using var command = dataSource.CreateCommand("select instrument_id from instruments where instrument_id = any($1)");
            command.Parameters.Add(new() { Value = ids });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                known.Add(reader.GetString(0));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
        }

        return known;
    }

    /// <summary>Every instrument id of the master (thousands, not millions: it fits in memory for an import's checks).</summary>
    public async Task<IReadOnlySet<string>> AllIdsAsync(CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var command = dataSource.CreateCommand("select instrument_id from instruments");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                known.Add(reader.GetString(0));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
        }

        return known;
    }

    public async Task<IReadOnlyList<InstrumentReference>> GetAsync(IEnumerable<string> instrumentIds, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand($"select {Columns} from instruments where instrument_id = any($1)");
            command.Parameters.Add(new() { Value = instrumentIds.Distinct(StringComparer.Ordinal).ToArray() });
            return await ReadAllAsync(command, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return [];
        }
    }

    /// <summary>One page in id order, optionally of one asset class.</summary>
    public async Task<IReadOnlyList<InstrumentReference>> ListAsync(string? assetClass, string? after, int limit, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand($"""
                select {Columns} from instruments
                where instrument_id > $1 and ($2::text is null or asset_class = $2)
                order by instrument_id limit $3
                """);
            command.Parameters.Add(new() { Value = after ?? "" });
            command.Parameters.Add(new() { Value = (object?)assetClass ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = limit });
            return await ReadAllAsync(command, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return [];
        }
    }

    private static async Task<IReadOnlyList<InstrumentReference>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var instruments = new List<InstrumentReference>();
        while (await reader.ReadAsync(cancellationToken))
        {
            instruments.Add(new InstrumentReference(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4)));
        }

        return instruments;
    }
}
