using Npgsql;
using NpgsqlTypes;
using RiskRadar.Contracts.Events;
using RiskRadar.Data;

namespace RiskRadar.Ingestion.Instruments;

/// <summary>The <c>instruments</c> table in PostgreSQL: the durable instrument master.</summary>
public sealed class InstrumentStore(NpgsqlDataSource dataSource)
{
    private const long SchemaLockKey = 0x5269_736b_496e_0001;

    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS instruments (
            instrument_id text PRIMARY KEY,
            symbol text NOT NULL UNIQUE,
            asset_class text NOT NULL,
            currency text NOT NULL,
            price_scale float8 NOT NULL DEFAULT 1,
            updated_at timestamptz NOT NULL DEFAULT now())
        """;

    // Only rows that really change get a new updated_at, so it tells operators when a record last changed.
    private const string Upsert = """
        INSERT INTO instruments (instrument_id, symbol, asset_class, currency, price_scale, updated_at)
        SELECT u.*, now() FROM unnest(@ids, @symbols, @classes, @currencies, @scales) AS u
        ON CONFLICT (instrument_id) DO UPDATE SET
            symbol = excluded.symbol, asset_class = excluded.asset_class, currency = excluded.currency,
            price_scale = excluded.price_scale, updated_at = excluded.updated_at
        WHERE (instruments.symbol, instruments.asset_class, instruments.currency, instruments.price_scale)
            IS DISTINCT FROM (excluded.symbol, excluded.asset_class, excluded.currency, excluded.price_scale)
        """;

    private const string SelectAll = "SELECT instrument_id, symbol, asset_class, currency, price_scale FROM instruments ORDER BY instrument_id";

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        PostgresSchema.ApplyAsync(dataSource, SchemaLockKey, CreateTable, cancellationToken);

    /// <returns>The number of rows inserted or changed.</returns>
    public async Task<int> UpsertAsync(IReadOnlyCollection<InstrumentReference> instruments, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Upsert);
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. instruments.Select(i => i.InstrumentId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("symbols", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. instruments.Select(i => i.Symbol)] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("classes", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. instruments.Select(i => i.AssetClass)] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("currencies", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. instruments.Select(i => i.Currency)] });
        command.Parameters.Add(new NpgsqlParameter<double[]>("scales", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = [.. instruments.Select(i => i.PriceScale)] });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InstrumentReference>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectAll);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var instruments = new List<InstrumentReference>();
        while (await reader.ReadAsync(cancellationToken))
        {
            instruments.Add(new InstrumentReference(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4)));
        }

        return instruments;
    }
}
