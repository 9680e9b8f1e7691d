using Npgsql;

namespace RiskRadar.Testing;

/// <summary>
/// The instrument master as Ingestion creates and seeds it (src/RiskRadar.Ingestion/Instruments/InstrumentStore.cs),
/// for tests and harnesses that run the Api without Ingestion.
/// </summary>
public static class InstrumentMasterSeed
{
    public static async Task SeedAsync(NpgsqlDataSource dataSource, IEnumerable<(string Id, string Symbol, string AssetClass, string Currency)> instruments)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var list = instruments.ToList();
        await using (var create = dataSource.CreateCommand("""
            create table if not exists instruments (
                instrument_id text primary key, symbol text not null unique, asset_class text not null,
                currency text not null, price_scale float8 not null default 1, updated_at timestamptz not null default now())
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        // Positional parameters need a statement of its own.
        await using var command = dataSource.CreateCommand("""
            insert into instruments (instrument_id, symbol, asset_class, currency)
            select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])
            on conflict do nothing
            """);
        command.Parameters.Add(new() { Value = list.Select(i => i.Id).ToArray() });
        command.Parameters.Add(new() { Value = list.Select(i => i.Symbol).ToArray() });
        command.Parameters.Add(new() { Value = list.Select(i => i.AssetClass).ToArray() });
        command.Parameters.Add(new() { Value = list.Select(i => i.Currency).ToArray() });
        await command.ExecuteNonQueryAsync();
    }
}
