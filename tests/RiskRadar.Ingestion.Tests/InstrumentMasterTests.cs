using Npgsql;
using RiskRadar.Contracts.Events;
using RiskRadar.Ingestion.Instruments;
using RiskRadar.Testing;

namespace RiskRadar.Ingestion.Tests;

public sealed class InstrumentMasterTests : IAsyncLifetime
{
    private LocalPostgres _postgres = null!;
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _postgres = await LocalPostgres.StartAsync();
        _dataSource = _postgres.CreateDataSource();
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task The_seed_is_upserted_operator_records_are_kept_and_everything_resolves_by_id_and_symbol()
    {
        var seed = InstrumentMaster.ToReferences(InstrumentUniverse.Load(Path.Combine(AppContext.BaseDirectory, "Instruments", "instruments.json")));
        var master = new InstrumentMaster(new InstrumentStore(_dataSource));

        var first = await master.LoadAsync(seed, CancellationToken.None);

        Assert.True(master.Loaded.IsCompletedSuccessfully);
        Assert.Equal(seed.Count, first.Count);
        Assert.True(master.TryResolve("AAPL", out var bySymbol));
        Assert.Equal(new InstrumentReference("EQ.AAPL", "AAPL", AssetClasses.Equity, "USD", 1), bySymbol);
        Assert.True(master.TryResolve("EQ.AAPL", out _));

        // An operator adds an instrument the seed does not know and corrects a seeded one.
        await using (var command = _dataSource.CreateCommand("""
            INSERT INTO instruments (instrument_id, symbol, asset_class, currency, price_scale) VALUES ('EQ.VOD', 'VOD.L', 'Equity', 'GBP', 0.01);
            UPDATE instruments SET currency = 'EUR', updated_at = '2000-01-01 00:00:00+00' WHERE instrument_id = 'EQ.MSFT';
            UPDATE instruments SET updated_at = '2000-01-01 00:00:00+00' WHERE instrument_id = 'EQ.AAPL';
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        var restarted = new InstrumentMaster(new InstrumentStore(_dataSource));
        var second = await restarted.LoadAsync(seed, CancellationToken.None);

        Assert.Equal(seed.Count + 1, second.Count);
        Assert.True(restarted.TryResolve("VOD.L", out var vod));
        Assert.Equal(0.01, vod.PriceScale);
        // The seed is authoritative for the instruments it lists.
        Assert.True(restarted.TryResolve("EQ.MSFT", out var msft));
        Assert.Equal("USD", msft.Currency);
        Assert.Equal(new DateTime(2000, 1, 1), await UpdatedAtAsync("EQ.AAPL"));
        Assert.NotEqual(new DateTime(2000, 1, 1), await UpdatedAtAsync("EQ.MSFT"));
        Assert.False(master.TryResolve("VOD.L", out _));
    }

    [Fact]
    public async Task A_seed_without_changes_touches_no_row()
    {
        var store = new InstrumentStore(_dataSource);
        await store.EnsureSchemaAsync(CancellationToken.None);
        IReadOnlyCollection<InstrumentReference> seed = [new("FX.EURUSD", "EURUSD", AssetClasses.Fx, "USD", 1), new("CR.BTCUSD", "BTCUSD", AssetClasses.Crypto, "USD", 1)];

        Assert.Equal(2, await store.UpsertAsync(seed, CancellationToken.None));
        Assert.Equal(0, await store.UpsertAsync(seed, CancellationToken.None));
        Assert.Equal(1, await store.UpsertAsync([seed.First() with { PriceScale = 0.5 }], CancellationToken.None));
        Assert.Equal(0.5, (await store.ReadAllAsync(CancellationToken.None)).Single(i => i.InstrumentId == "FX.EURUSD").PriceScale);
    }

    private async Task<DateTime> UpdatedAtAsync(string id)
    {
        await using var command = _dataSource.CreateCommand("SELECT updated_at AT TIME ZONE 'UTC' FROM instruments WHERE instrument_id = $1");
        command.Parameters.AddWithValue(id);
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }
}
