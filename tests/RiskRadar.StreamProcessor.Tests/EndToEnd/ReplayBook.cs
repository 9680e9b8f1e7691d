using System.Globalization;
using Confluent.Kafka;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Contracts.Topics;

namespace RiskRadar.StreamProcessor.Tests.EndToEnd;

/// <summary>The fixed book and price file the end-to-end and crash tests replay.</summary>
internal static class ReplayBook
{
    /// <summary>Daily scenario rows used (the service's <c>ScenarioSets:Lookback</c>) out of <see cref="HistoryDays"/> of closes.</summary>
    public const int Lookback = 60;
    public const int HistoryDays = 80;
    public const int MinScenarios = 5;
    public static readonly TimeSpan BarSize = TimeSpan.FromSeconds(10);
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, InstrumentReference> References = new Dictionary<string, InstrumentReference>
    {
        ["FX.EURUSD"] = new("FX.EURUSD", "EURUSD", AssetClasses.Fx, "USD", 1),
        ["EQ.A"] = new("EQ.A", "A", AssetClasses.Equity, "USD", 1),
        ["CR.C"] = new("CR.C", "C", AssetClasses.Crypto, "USD", 1),
        ["EQ.E"] = new("EQ.E", "E", AssetClasses.Equity, "EUR", 1),
    };

    /// <summary>Portfolio → (base currency, instrument → quantity).</summary>
    public static readonly IReadOnlyDictionary<string, (string Base, Dictionary<string, double> Quantities)> Portfolios =
        new Dictionary<string, (string, Dictionary<string, double>)>
        {
            ["P-USD"] = ("USD", new() { ["EQ.A"] = 250, ["CR.C"] = -0.75 }),
            ["P-EUR"] = ("EUR", new() { ["EQ.A"] = 100, ["EQ.E"] = 400 }),
        };

    public static IReadOnlyList<PriceTick> Ticks { get; } = Load();

    /// <summary>Daily closes of every instrument up to the day before the replay, the last one at the replay's first price.</summary>
    public static IReadOnlyList<(string InstrumentId, DateOnly Day, double Close)> DailyCloses { get; } = Pipeline.DailyTestHistory.Closes(
        References.Keys.ToDictionary(id => id, id => Ticks.First(t => t.InstrumentId == id).Price),
        DateOnly.FromDateTime(Start.UtcDateTime),
        HistoryDays,
        seed: 4711);

    /// <summary>Stores the daily history the processor builds its scenario set from, as an import would.</summary>
    public static async Task StoreDailyHistoryAsync(Npgsql.NpgsqlDataSource dataSource)
    {
        await TimeSeries.TimeSeriesSchema.EnsureHistoryCreatedAsync(dataSource);
        var bars = DailyCloses.Select(c => new TimeSeries.History.DailyBar(c.InstrumentId, c.Day, c.Close)).ToList();
        await new TimeSeries.History.DailyBarStore(dataSource).ReplaceAsync(bars, TimeSeries.History.DailyBarSources.Import, CancellationToken.None);
    }

    /// <summary>Window ends compared: from one minute in (every holding priced, every window inside the replay) to the last one the replay closes.</summary>
    public static IEnumerable<DateTimeOffset> ComparedWindowEnds()
    {
        var last = Ticks.Max(t => t.Timestamp).AddSeconds(-2); // a bar is final two seconds (grace) after it ends
        for (var end = Start.AddMinutes(2); end <= last; end = end.AddSeconds(10))
        {
            yield return end;
        }
    }

    public static async Task PublishReferenceDataAsync(string bootstrapServers)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true, Partitioner = Partitioner.Murmur2Random }).Build();
        foreach (var reference in References.Values)
        {
            await producer.ProduceAsync(KafkaTopics.InstrumentReferences, Message(reference.InstrumentId, EventSerializers.InstrumentReference.Serialize(reference, default), Start.AddHours(-1)));
        }

        foreach (var (portfolio, (baseCurrency, quantities)) in Portfolios)
        {
            foreach (var (instrument, quantity) in quantities)
            {
                var change = new PositionChange(portfolio, "tenant-e2e", instrument, quantity, baseCurrency, 1, Start.AddMinutes(-1));
                await producer.ProduceAsync(KafkaTopics.PortfolioPositions, Message(change.Key, EventSerializers.PositionChange.Serialize(change, default), change.Timestamp));
            }
        }
    }

    /// <summary>Records the pipeline must dead-letter (keys name them), then carry on: broken JSON, another schema, unknown instruments.</summary>
    public static async Task PublishPoisonAsync(string bootstrapServers)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true, Partitioner = Partitioner.Murmur2Random }).Build();
        var at = Start.AddSeconds(1);
        await producer.ProduceAsync(KafkaTopics.MarketPrices, Message("poison-json", "{\"instrumentId\": \"EQ.A"u8.ToArray(), at));
        await producer.ProduceAsync(KafkaTopics.MarketPrices, Message("poison-schema", "{\"symbol\": \"EQ.A\", \"bid\": 1.5}"u8.ToArray(), at));
        var unknown = new PriceTick("EQ.UNKNOWN", 12.5, at, 1, "replay");
        await producer.ProduceAsync(KafkaTopics.MarketPrices, Message(unknown.InstrumentId, EventSerializers.PriceTickRecord.Serialize(unknown, default), at));
        await producer.ProduceAsync(KafkaTopics.PortfolioPositions, Message("poison-json", "[1, 2"u8.ToArray(), at));
        var position = new PositionChange("P-POISON", "tenant-e2e", "EQ.UNKNOWN", 10, "USD", 1, at);
        await producer.ProduceAsync(KafkaTopics.PortfolioPositions, Message(position.Key, EventSerializers.PositionChange.Serialize(position, default), at));
    }

    /// <summary>Produces the price file in order, paced so a replay takes about <paramref name="duration"/>.</summary>
    public static async Task PublishPricesAsync(string bootstrapServers, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true, LingerMs = 5, Partitioner = Partitioner.Murmur2Random }).Build();
        const int Chunks = 100;
        var perChunk = (Ticks.Count + Chunks - 1) / Chunks;
        foreach (var chunk in Ticks.Chunk(perChunk))
        {
            foreach (var tick in chunk)
            {
                producer.Produce(KafkaTopics.MarketPrices, Message(tick.InstrumentId, EventSerializers.PriceTickRecord.Serialize(tick, default), tick.Timestamp));
            }

            await Task.Delay(duration / Chunks, cancellationToken);
        }

        producer.Flush(cancellationToken);
    }

    /// <summary>Produces these ticks in order, at once.</summary>
    public static async Task PublishTicksAsync(string bootstrapServers, IEnumerable<PriceTick> ticks)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true, Partitioner = Partitioner.Murmur2Random }).Build();
        foreach (var tick in ticks)
        {
            await producer.ProduceAsync(KafkaTopics.MarketPrices, Message(tick.InstrumentId, EventSerializers.PriceTickRecord.Serialize(tick, default), tick.Timestamp));
        }
    }

    private static Message<string, byte[]> Message(string key, byte[] value, DateTimeOffset at) =>
        new() { Key = key, Value = value, Timestamp = new Timestamp(at.UtcDateTime) };

    private static List<PriceTick> Load() =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "replay-prices.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(f => new PriceTick(
                f[1],
                double.Parse(f[2], CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                long.Parse(f[3], CultureInfo.InvariantCulture),
                "replay"))];
}
