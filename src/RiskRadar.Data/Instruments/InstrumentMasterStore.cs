using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;

namespace RiskRadar.Data.Instruments;

/// <summary>
/// The instrument master in PostgreSQL (<c>instruments</c>): the one reader and writer every service uses. Ingestion
/// creates it, seeds it and publishes it to <c>reference.instruments</c>; the Api lists it, checks positions against
/// it and adds contracts (options, futures, bonds) and market factors (curve pillars, volatility nodes) to it. A non-spot instrument's terms are a JSON document in
/// <c>terms</c>; <c>version</c> counts the record's changes.
/// </summary>
public sealed class InstrumentMasterStore(NpgsqlDataSource dataSource)
{
    private const long SchemaLockKey = 0x5269_736b_496e_0001;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS instruments (
            instrument_id text PRIMARY KEY,
            symbol text NOT NULL UNIQUE,
            asset_class text NOT NULL,
            currency text NOT NULL,
            price_scale float8 NOT NULL DEFAULT 1,
            updated_at timestamptz NOT NULL DEFAULT now());
        ALTER TABLE instruments ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'Spot';
        ALTER TABLE instruments ADD COLUMN IF NOT EXISTS terms jsonb;
        ALTER TABLE instruments ADD COLUMN IF NOT EXISTS version int NOT NULL DEFAULT 1;
        """;

    private const string Columns = "instrument_id, symbol, asset_class, currency, price_scale, kind, terms::text, version";

    // Records from a seed (spot instruments and market factors): only rows that really change get a new version and
    // updated_at. The seed is authoritative for the ids it lists.
    private const string UpsertSeed = """
        INSERT INTO instruments (instrument_id, symbol, asset_class, currency, price_scale, kind, terms, version, updated_at)
        SELECT u.id, u.symbol, u.class, u.currency, u.scale, u.kind, u.terms::jsonb, 1, now()
        FROM unnest(@ids, @symbols, @classes, @currencies, @scales, @kinds, @terms) AS u(id, symbol, class, currency, scale, kind, terms)
        ON CONFLICT (instrument_id) DO UPDATE SET
            symbol = excluded.symbol, asset_class = excluded.asset_class, currency = excluded.currency,
            price_scale = excluded.price_scale, kind = excluded.kind, terms = excluded.terms,
            version = instruments.version + 1, updated_at = excluded.updated_at
        WHERE (instruments.symbol, instruments.asset_class, instruments.currency, instruments.price_scale, instruments.kind, instruments.terms)
            IS DISTINCT FROM (excluded.symbol, excluded.asset_class, excluded.currency, excluded.price_scale, excluded.kind, excluded.terms)
        """;

    private const string Insert = """
        INSERT INTO instruments (instrument_id, symbol, asset_class, currency, price_scale, kind, terms, version, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 1, now())
        ON CONFLICT DO NOTHING
        """;

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        PostgresSchema.ApplyAsync(dataSource, SchemaLockKey, Schema, cancellationToken);

    /// <summary>Upserts a seed: spot instruments and market factors, the kinds a feed quotes (contracts are added one by one).</summary>
    /// <returns>The number of rows inserted or changed.</returns>
    public async Task<int> UpsertSeedAsync(IReadOnlyCollection<InstrumentReference> instruments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        if (instruments.FirstOrDefault(i => !InstrumentKinds.IsQuoted(i.Kind)) is { } other)
        {
            throw new ArgumentException($"'{other.InstrumentId}' is of kind {other.Kind}; a seed holds spot instruments and market factors only.", nameof(instruments));
        }

        await using var command = dataSource.CreateCommand(UpsertSeed);
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. instruments.Select(i => i.InstrumentId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("symbols", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. instruments.Select(i => i.Symbol)] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("classes", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. instruments.Select(i => i.AssetClass)] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("currencies", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. instruments.Select(i => i.Currency)] });
        command.Parameters.Add(new NpgsqlParameter<double[]>("scales", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = [.. instruments.Select(i => i.PriceScale)] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. instruments.Select(i => i.Kind)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]>("terms", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. instruments.Select(TermsJson)] });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Adds a new record (version 1); an id or a symbol already in the master is a conflict, not an update.</summary>
    public async Task<InstrumentCreation> CreateAsync(InstrumentReference instrument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        await using var command = dataSource.CreateCommand(Insert);
        command.Parameters.Add(new() { Value = instrument.InstrumentId });
        command.Parameters.Add(new() { Value = instrument.Symbol });
        command.Parameters.Add(new() { Value = instrument.AssetClass });
        command.Parameters.Add(new() { Value = instrument.Currency });
        command.Parameters.Add(new() { Value = instrument.PriceScale });
        command.Parameters.Add(new() { Value = instrument.Kind });
        command.Parameters.Add(new() { Value = (object?)TermsJson(instrument) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return InstrumentCreation.Created;
        }

        return (await GetAsync([instrument.InstrumentId], cancellationToken)).Count > 0 ? InstrumentCreation.IdTaken : InstrumentCreation.SymbolTaken;
    }

    public Task<IReadOnlyList<InstrumentReference>> ReadAllAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM instruments ORDER BY instrument_id", [], cancellationToken);

    /// <summary>Every record of one kind (the curve pillars, say), in id order.</summary>
    public Task<IReadOnlyList<InstrumentReference>> ReadKindAsync(string kind, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM instruments WHERE kind = $1 ORDER BY instrument_id", [new() { Value = kind }], cancellationToken);

    public Task<IReadOnlyList<InstrumentReference>> GetAsync(IEnumerable<string> instrumentIds, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM instruments WHERE instrument_id = any($1)", [new() { Value = instrumentIds.Distinct(StringComparer.Ordinal).ToArray() }], cancellationToken);

    /// <summary>One page in id order, optionally of one asset class and one kind.</summary>
    public Task<IReadOnlyList<InstrumentReference>> ListAsync(string? assetClass, string? kind, string? after, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            $"""
            SELECT {Columns} FROM instruments
            WHERE instrument_id > $1 AND ($2::text IS NULL OR asset_class = $2) AND ($3::text IS NULL OR kind = $3)
            ORDER BY instrument_id LIMIT $4
            """,
            [
                new() { Value = after ?? "" },
                new() { Value = (object?)assetClass ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = (object?)kind ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = limit },
            ],
            cancellationToken);

    // Before Ingestion has created the table nothing is known, so nothing can be held.
    private async Task<IReadOnlyList<InstrumentReference>> QueryAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        var instruments = new List<InstrumentReference>();
        try
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.AddRange(parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                instruments.Add(Read(reader));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable || ex.SqlState == PostgresErrorCodes.UndefinedColumn)
        {
        }

        return instruments;
    }

    private static InstrumentReference Read(NpgsqlDataReader reader)
    {
        string kind = reader.GetString(5);
        string? terms = reader.IsDBNull(6) ? null : reader.GetString(6);
        var spot = new InstrumentReference(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4), kind, Version: reader.GetInt32(7));
        return (kind, terms) switch
        {
            (_, null) => spot,
            (InstrumentKinds.Option, _) => spot with { Option = JsonSerializer.Deserialize(terms, ContractsJsonContext.Default.OptionContract) },
            (InstrumentKinds.Future, _) => spot with { Future = JsonSerializer.Deserialize(terms, ContractsJsonContext.Default.FutureContract) },
            (InstrumentKinds.Bond, _) => spot with { Bond = JsonSerializer.Deserialize(terms, ContractsJsonContext.Default.BondContract) },
            (InstrumentKinds.Rate, _) => spot with { Rate = JsonSerializer.Deserialize(terms, ContractsJsonContext.Default.RateFactor) },
            (InstrumentKinds.Volatility, _) => spot with { Volatility = JsonSerializer.Deserialize(terms, ContractsJsonContext.Default.VolatilityFactor) },
            _ => spot,
        };
    }

    private static string? TermsJson(InstrumentReference i) => i.Kind switch
    {
        InstrumentKinds.Option when i.Option is not null => JsonSerializer.Serialize(i.Option, ContractsJsonContext.Default.OptionContract),
        InstrumentKinds.Future when i.Future is not null => JsonSerializer.Serialize(i.Future, ContractsJsonContext.Default.FutureContract),
        InstrumentKinds.Bond when i.Bond is not null => JsonSerializer.Serialize(i.Bond, ContractsJsonContext.Default.BondContract),
        InstrumentKinds.Rate when i.Rate is not null => JsonSerializer.Serialize(i.Rate, ContractsJsonContext.Default.RateFactor),
        InstrumentKinds.Volatility when i.Volatility is not null => JsonSerializer.Serialize(i.Volatility, ContractsJsonContext.Default.VolatilityFactor),
        _ => null,
    };
}
