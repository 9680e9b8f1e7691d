using Npgsql;
using RiskRadar.Contracts.Events;
using RiskRadar.Data.Instruments;

namespace RiskRadar.Testing;

/// <summary>
/// The instrument master as Ingestion creates and seeds it, through the same store, for tests and harnesses that run
/// the Api without Ingestion.
/// </summary>
public static class InstrumentMasterSeed
{
    public static async Task SeedAsync(NpgsqlDataSource dataSource, IEnumerable<(string Id, string Symbol, string AssetClass, string Currency)> instruments)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var store = new InstrumentMasterStore(dataSource);
        await store.EnsureSchemaAsync(CancellationToken.None);
        await store.UpsertSeedAsync([.. instruments.Select(i => new InstrumentReference(i.Id, i.Symbol, i.AssetClass, i.Currency, 1))], CancellationToken.None);
    }
}
