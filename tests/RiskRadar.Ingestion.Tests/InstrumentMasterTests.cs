using Confluent.Kafka;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Contracts.Topics;
using RiskRadar.Data.Instruments;
using RiskRadar.Ingestion.Instruments;
using RiskRadar.Ingestion.Publishing;
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
        var master = new InstrumentMaster(new InstrumentMasterStore(_dataSource));

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

        var restarted = new InstrumentMaster(new InstrumentMasterStore(_dataSource));
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
        var store = new InstrumentMasterStore(_dataSource);
        await store.EnsureSchemaAsync(CancellationToken.None);
        IReadOnlyCollection<InstrumentReference> seed = [new("FX.EURUSD", "EURUSD", AssetClasses.Fx, "USD", 1), new("CR.BTCUSD", "BTCUSD", AssetClasses.Crypto, "USD", 1)];

        Assert.Equal(2, await store.UpsertSeedAsync(seed, CancellationToken.None));
        Assert.Equal(0, await store.UpsertSeedAsync(seed, CancellationToken.None));
        Assert.Equal(1, await store.UpsertSeedAsync([seed.First() with { PriceScale = 0.5 }], CancellationToken.None));
        Assert.Equal(0.5, (await store.ReadAllAsync(CancellationToken.None)).Single(i => i.InstrumentId == "FX.EURUSD").PriceScale);
    }

    [Fact]
    public async Task Contracts_keep_their_terms_and_versions_count_changes()
    {
        var store = new InstrumentMasterStore(_dataSource);
        await store.EnsureSchemaAsync(CancellationToken.None);
        InstrumentReference spot = new("EQ.T1", "T1", AssetClasses.Equity, "USD", 1);
        await store.UpsertSeedAsync([spot], CancellationToken.None);
        InstrumentReference option = new("OP.T1.P90", "T1 P90", AssetClasses.Equity, "USD", 1, InstrumentKinds.Option,
            Option: new OptionContract("EQ.T1", OptionRights.Put, 90, new DateOnly(2031, 6, 20), 100, DividendCurve: "EUR"));
        InstrumentReference bond = new("BD.T2", "T2 5% 2035", AssetClasses.FixedIncome, "EUR", 1, InstrumentKinds.Bond,
            Bond: new BondContract(1000, 0.05, 1, DayCounts.ActualActual, new DateOnly(2035, 3, 1), Curve: "EUR"));

        Assert.Equal(InstrumentCreation.Created, await store.CreateAsync(option, CancellationToken.None));
        Assert.Equal(InstrumentCreation.Created, await store.CreateAsync(bond, CancellationToken.None));
        Assert.Equal(InstrumentCreation.IdTaken, await store.CreateAsync(option, CancellationToken.None));
        Assert.Equal(InstrumentCreation.SymbolTaken, await store.CreateAsync(option with { InstrumentId = "OP.OTHER" }, CancellationToken.None));

        var read = (await store.GetAsync(["OP.T1.P90", "BD.T2"], CancellationToken.None)).ToDictionary(i => i.InstrumentId);
        Assert.Equal(option, read["OP.T1.P90"]);
        Assert.Equal(bond, read["BD.T2"]);
        Assert.Equal(["BD.T2"], (await store.ListAsync(null, InstrumentKinds.Bond, null, 10, CancellationToken.None)).Select(i => i.InstrumentId));

        Assert.Equal(1, await store.UpsertSeedAsync([spot with { PriceScale = 0.5 }], CancellationToken.None));
        Assert.Equal(2, (await store.GetAsync(["EQ.T1"], CancellationToken.None)).Single().Version);
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertSeedAsync([option], CancellationToken.None));
    }

    [Fact]
    public async Task Records_added_to_the_table_while_running_are_published_to_reference_instruments()
    {
        await using var kafka = await LocalKafka.StartAsync();
        var producerConfig = new ProducerConfig { BootstrapServers = kafka.BootstrapServers };
        using var producer = new ProducerBuilder<string, InstrumentReference>(producerConfig).SetValueSerializer(EventSerializers.InstrumentReference).Build();
        var store = new InstrumentMasterStore(_dataSource);
        var master = new InstrumentMaster(store);
        var environment = new HostingEnvironment { ContentRootPath = AppContext.BaseDirectory, ContentRootFileProvider = new NullFileProvider() };
        var loader = new InstrumentMasterLoader(
            master,
            new InstrumentReferencePublisher(producer),
            Options.Create(new InstrumentMasterOptions { RefreshInterval = TimeSpan.FromMilliseconds(200) }),
            environment,
            NullLogger<InstrumentMasterLoader>.Instance);
        await loader.StartAsync(CancellationToken.None);
        try
        {
            await master.Loaded.WaitAsync(TimeSpan.FromSeconds(30));
            InstrumentReference future = new("FU.AAPL.Z", "AAPL FUT Z", AssetClasses.Equity, "USD", 1, InstrumentKinds.Future,
                Future: new FutureContract("EQ.AAPL", new DateOnly(2030, 12, 20), 100, CarryYield: 0.005));
            Assert.Equal(InstrumentCreation.Created, await store.CreateAsync(future, CancellationToken.None));

            using var consumer = new ConsumerBuilder<string, InstrumentReference>(new ConsumerConfig
            {
                BootstrapServers = kafka.BootstrapServers,
                GroupId = "instrument-master-test",
                AutoOffsetReset = AutoOffsetReset.Earliest,
            }).SetValueDeserializer(EventSerializers.InstrumentReference).Build();
            consumer.Subscribe(KafkaTopics.InstrumentReferences);
            var seen = new Dictionary<string, InstrumentReference>();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!seen.ContainsKey(future.InstrumentId) && DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message })
                {
                    seen[message.Key] = message.Value;
                }
            }

            Assert.Equal(future, seen.GetValueOrDefault(future.InstrumentId));
            Assert.True(seen.ContainsKey("EQ.AAPL"), "the seed is published at start");
            Assert.True(master.TryResolve("AAPL FUT Z", out _));
        }
        finally
        {
            await loader.StopAsync(CancellationToken.None);
        }
    }

    private async Task<DateTime> UpdatedAtAsync(string id)
    {
        await using var command = _dataSource.CreateCommand("SELECT updated_at AT TIME ZONE 'UTC' FROM instruments WHERE instrument_id = $1");
        command.Parameters.AddWithValue(id);
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }
}
