using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Contracts.Topics;
using RiskRadar.ServiceDefaults.Kafka;
using RiskRadar.StreamProcessor;
using RiskRadar.StreamProcessor.Pipeline;
using RiskRadar.StreamProcessor.Pipeline.Instruments;
using RiskRadar.StreamProcessor.Pipeline.Live;
using RiskRadar.StreamProcessor.Serdes;
using RiskRadar.StreamProcessor.Sinks;
using RiskRadar.Testing;
using StackExchange.Redis;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Partitioner = Confluent.Kafka.Partitioner;

namespace RiskRadar.LoadHarness;

/// <summary>
/// The StreamProcessor topology (exactly once, as deployed) against the development broker: a book of portfolios over
/// an instrument universe, then ticks at a fixed rate stamped with the wall clock. Measures how many ticks per second
/// the topology commits and how long after a window's end its aggregate is readable (read_committed).
/// </summary>
internal static class PipelineLoad
{
    public static async Task<int> RunAsync(PipelineLoadOptions options)
    {
        using var broker = await DevBrokerThroughput.StartBrokerAsync([]);
        var spot = Enumerable.Range(0, options.Instruments).Select(i => $"EQ.L{i:D4}").ToArray();
        var universe = ContractUniverse.Of(spot, options.OptionShare);
        var instruments = universe.Quoted;

        // 10 s bars (as the end-to-end tests) with a short grace, bars produced before the measured phase so every
        // instrument is in step, and a 500-day daily scenario set of the universe, so every window computes
        // VaR/ES/volatility as deployed, not only valuation.
        var pipeline = new PipelineOptions
        {
            BarSize = TimeSpan.FromSeconds(10),
            BarGrace = TimeSpan.FromMilliseconds(200),
            MinScenarios = 20,
            BookEncoding = options.BinaryBookInputs ? BookEncoding.Binary : BookEncoding.Json,
        };
        var daily = ICurrentScenarioSet.Fixed(DailySet(instruments, lookback: 500));
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stateDirectory = Path.Combine(Path.GetTempPath(), $"riskradar-load-{Guid.NewGuid():N}");

        // The per-tick path as deployed: live prices over Redis to the live value engine, provisional figures to Redis,
        // and watched books registered and read back through Redis as the Api does.
        await using var redisServer = await LocalRedis.StartAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString);
        var live = Options.Create(new LiveValueOptions { MinInterval = TimeSpan.FromMilliseconds(options.LiveMinIntervalMs) });
        var provisional = new ProvisionalFreshness();
        using var redisFigures = new RedisProvisionalRiskSink(new ProvisionalRiskCache(redis), NullLogger<RedisProvisionalRiskSink>.Instance);
        using var redisWatchedFigures = new RedisProvisionalRiskSink(new ProvisionalRiskCache(redis), NullLogger<RedisProvisionalRiskSink>.Instance);
        var figureSinks = new ProvisionalRiskFanOut([provisional, redisFigures]);
        var watchedFigureSinks = new ProvisionalRiskFanOut([provisional, redisWatchedFigures]);
        var watches = new LiveWatchRegistry(redis, TimeProvider.System);
        using var kafka = KafkaClients(broker.Bootstrap);
        using var engine = new LiveValueEngine(
            kafka.Services.GetRequiredService<KafkaClientFactory>(), watches, daily, watchedFigureSinks, live, Options.Create(pipeline), TimeProvider.System, NullLogger<LiveValueEngine>.Instance);
        await redisFigures.StartAsync(default);
        await redisWatchedFigures.StartAsync(default);
        if (options.LiveValues)
        {
            await engine.StartAsync(default);
        }

        using var watched = await WatchedFigures.StartAsync(redis, watches, options.LiveValues ? WatchedIds(options) : []);

        using var stream = new KafkaStream(
            RiskStreamService.BuildTopology(new NoLatestPrices(), pipeline, daily, TimeProvider.System, figureSinks, options.LiveValues ? engine : ILiveBooks.None),
            Config(broker.Bootstrap, stateDirectory, options.StreamThreads, (options.PollMs, options.FetchWaitMs)));
        stream.StateChanged += (_, to) =>
        {
            if (to == KafkaStream.State.RUNNING)
            {
                running.TrySetResult();
            }
        };
        var memoryBefore = Memory.Now();
        var setup = Stopwatch.StartNew();
        await stream.StartAsync();
        await running.Task.WaitAsync(TimeSpan.FromMinutes(2));

        using var aggregates = new AggregateLatencies(broker.Bootstrap);
        var (positions, bookApplied) = await PublishBookAsync(broker.Bootstrap, spot, universe, options);
        // The instrument stage has read the book; the book tasks hold it once they have read the book topic to its end
        // (the end less the commit marker each partition may end with, which no record offset covers).
        bookApplied = bookApplied && await WaitForCommittedAsync(
            broker.Bootstrap, TopicCatalog.Internal.BookInputs, EndOffsets(broker.Bootstrap, TopicCatalog.Internal.BookInputs) - TopicCatalog.InputPartitions, TimeSpan.FromMinutes(3));
        var bookSeconds = setup.Elapsed.TotalSeconds;
        var memoryWithBook = Memory.Now();

        var history = ProduceHistory(broker.Bootstrap, instruments, pipeline.BarSize, options.JsonTicks);
        var historyApplied = await WaitForCommittedAsync(broker.Bootstrap, KafkaTopics.MarketPrices, history, TimeSpan.FromMinutes(3));
        var historySeconds = setup.Elapsed.TotalSeconds - bookSeconds;

        var offsetsBefore = TopologyOffsets(broker.Bootstrap);
        var cpuBefore = (Harness: Process.GetCurrentProcess().TotalProcessorTime, Broker: BrokerCpu(broker));
        var producing = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        // Figures are counted from a few seconds into the ticks: the first ones still carry the warm-up history's prices,
        // stamped minutes in the past, and would measure the harness's set-up rather than the engine.
        var figuresFrom = Task.Delay(FigureWarmUp).ContinueWith(_ => { provisional.Start(); watched.Start(); }, TaskScheduler.Default);
        // A profiler attached for the measured phase waits for this line (eng/profile-pipeline.sh).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"measuring: {options.TicksPerSecond} ticks/s for {options.Seconds} s; harness pid {Environment.ProcessId}, broker pid {broker.Process.Id}"));
        var produced = ProduceTicks(broker.Bootstrap, instruments, options.TicksPerSecond, TimeSpan.FromSeconds(options.Seconds), options.JsonTicks, options.LingerMs);
        var producedSeconds = producing.Elapsed.TotalSeconds;
        var lagAtEnd = history + produced - await CommittedAsync(broker.Bootstrap, KafkaTopics.MarketPrices);
        var drained = await WaitForCommittedAsync(broker.Bootstrap, KafkaTopics.MarketPrices, history + produced, TimeSpan.FromSeconds(120));
        var processingSeconds = producing.Elapsed.TotalSeconds;
        await figuresFrom;
        var figureSeconds = processingSeconds - FigureWarmUp.TotalSeconds;
        var (figures, freshness) = provisional.Stop();
        var (watchedFigures, readable, riskStaleness) = watched.Stop();
        await Task.Delay(TimeSpan.FromSeconds(12)); // the last 10 s windows close and are committed
        var latencies = aggregates.LatenciesForWindowsEndingAfter(started.AddSeconds(10), started.AddSeconds(options.Seconds));
        var harnessCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore.Harness).TotalSeconds;
        var brokerCpu = (BrokerCpu(broker) - cpuBefore.Broker).TotalSeconds;
        var offsetsPerTick = (TopologyOffsets(broker.Bootstrap) - offsetsBefore) / (double)produced;
        var memoryAtEnd = Memory.Now();
        var perPortfolio = new MemorySummary(
            (memoryWithBook.ManagedBytes - memoryBefore.ManagedBytes) / (double)options.Portfolios,
            (memoryWithBook.WorkingSetBytes - memoryBefore.WorkingSetBytes) / (double)options.Portfolios,
            (memoryAtEnd.ManagedBytes - memoryBefore.ManagedBytes) / (double)options.Portfolios,
            memoryAtEnd.WorkingSetBytes / 1e6);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Pipeline load, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores; topology (exactly once, {options.StreamThreads} stream thread{(options.StreamThreads == 1 ? "" : "s")}), development broker and load generator on one machine; ticks as {(options.JsonTicks ? "JSON" : "binary")}, book topic as {(options.BinaryBookInputs ? "binary" : "JSON")}{(options.LiveValues ? $", a watched book's figures at most every {options.LiveMinIntervalMs} ms" : ", live value engine off")}, generator linger {options.LingerMs} ms");
        report.AppendLine(CultureInfo.InvariantCulture, $"book: {options.Portfolios:N0} portfolios × {options.PositionsPerPortfolio} positions over {options.Instruments:N0} instruments ({positions:N0} positions, {positions / (double)options.Instruments:N0} holders per instrument{(universe.Options.Length == 0 ? "" : $"; {options.OptionShare:P0} of each portfolio's positions in {universe.Options.Length} calls, each valued on its underlying, a 4-pillar USD curve and its 3M volatility node, which tick too")}); applied in {bookSeconds:N1} s{(bookApplied ? "" : " (NOT fully applied)")}; history of {WarmUpBars} bars ({history:N0} ticks) in {historySeconds:N1} s{(historyApplied ? "" : " (NOT fully applied)")}");
        report.AppendLine();
        report.AppendLine("| target ticks/s | produced | produce s | lag at end | all committed after s | committed ticks/s | aggregates | latency p50 ms | p95 ms | p99 ms | max ms |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {options.TicksPerSecond:N0} | {produced:N0} | {producedSeconds:N1} | {lagAtEnd:N0} | {(drained ? processingSeconds.ToString("N1", CultureInfo.InvariantCulture) : "> 120 (not drained)")} | {produced / processingSeconds:N0} | {latencies.Count:N0} | {Percentile(latencies, 0.50):N0} | {Percentile(latencies, 0.95):N0} | {Percentile(latencies, 0.99):N0} | {(latencies.Count > 0 ? latencies[^1] : double.NaN):N0} |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"provisional figures: {figures:N0} ({figures / figureSeconds:N0}/s, from {FigureWarmUp.TotalSeconds:N0} s into the ticks); newest price used → figure computed p50 {Percentile(freshness, 0.50):N0} ms, p95 {Percentile(freshness, 0.95):N0} ms, p99 {Percentile(freshness, 0.99):N0} ms");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"watched books ({options.Watched:N0}, read from Redis's live channel): {watchedFigures:N0} figures ({watchedFigures / figureSeconds:N0}/s); tick → value readable p50 {Percentile(readable, 0.50):N1} ms, p95 {Percentile(readable, 0.95):N1} ms, p99 {Percentile(readable, 0.99):N1} ms; VaR staleness when read p50 {Percentile(riskStaleness, 0.50):N0} ms, p95 {Percentile(riskStaleness, 0.95):N0} ms, p99 {Percentile(riskStaleness, 0.99):N0} ms");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"CPU from the first measured tick to the last aggregate: harness process (topology, generator, latency reader) {harnessCpu:N1} s = {harnessCpu * 1e6 / produced:N0} µs/tick; broker {brokerCpu:N1} s = {brokerCpu * 1e6 / produced:N0} µs/tick; offsets the topology advanced on its own topics (records and transaction markers) {offsetsPerTick:N2} per tick");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"memory of the harness process (the topology's books and stores, the generator): managed heap after a full GC {memoryBefore.ManagedBytes / 1e6:N0} MB before the book, {memoryWithBook.ManagedBytes / 1e6:N0} MB with it, {memoryAtEnd.ManagedBytes / 1e6:N0} MB at the end; working set {memoryBefore.WorkingSetBytes / 1e6:N0} / {memoryWithBook.WorkingSetBytes / 1e6:N0} / {memoryAtEnd.WorkingSetBytes / 1e6:N0} MB; per portfolio {perPortfolio.ManagedBytesWithBook / 1e3:N1} KB managed and {perPortfolio.WorkingSetBytesWithBook / 1e3:N1} KB working set with the book, {perPortfolio.ManagedBytesAtEnd / 1e3:N1} KB managed after the ticks (provisional layouts, timelines)");
        Console.WriteLine(report);
        if (options.Output is { } output)
        {
            await File.AppendAllTextAsync(output, report + Environment.NewLine);
        }

        if (options.Json is { } json)
        {
            var summary = new PipelineSummary(
                DateTimeOffset.UtcNow, Environment.ProcessorCount, options.Portfolios, options.PositionsPerPortfolio, options.Instruments,
                options.JsonTicks ? "json" : "binary", options.BinaryBookInputs ? "binary" : "json", options.LiveValues, options.LingerMs, options.StreamThreads, options.TicksPerSecond, produced, lagAtEnd, drained, produced / processingSeconds, latencies.Count,
                new LatencySummary(Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99)),
                new CpuSummary(harnessCpu, brokerCpu, harnessCpu * 1e6 / produced, brokerCpu * 1e6 / produced),
                offsetsPerTick,
                figures / figureSeconds,
                new LatencySummary(Percentile(freshness, 0.50), Percentile(freshness, 0.95), Percentile(freshness, 0.99)),
                options.Watched,
                watchedFigures / figureSeconds,
                new LatencySummary(Percentile(readable, 0.50), Percentile(readable, 0.95), Percentile(readable, 0.99)),
                new LatencySummary(Percentile(riskStaleness, 0.50), Percentile(riskStaleness, 0.95), Percentile(riskStaleness, 0.99)),
                bookSeconds,
                perPortfolio,
                universe.Options.Length == 0 ? 0 : options.OptionShare);
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(summary, SummaryJson));
        }

        stream.Dispose();
        if (options.LiveValues)
        {
            await engine.StopAsync(default);
        }

        await redisFigures.StopAsync(default);
        await redisWatchedFigures.StopAsync(default);
        TryDelete(stateDirectory);
        return drained ? 0 : 1;
    }

    private static readonly TimeSpan FigureWarmUp = TimeSpan.FromSeconds(5);

    // A figure with no sample (no watched books, no window read in time) is NaN, written as "NaN" rather than failing the run.
    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static TimeSpan BrokerCpu(DevBrokerThroughput.BrokerProcess broker)
    {
        broker.Process.Refresh();
        return broker.Process.TotalProcessorTime;
    }

    /// <summary>Σ high watermarks of one topic's partitions.</summary>
    private static long EndOffsets(string bootstrap, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "load-offsets" }).Build();
        return Enumerable.Range(0, TopicCatalog.All.Single(t => t.Name == topic).Partitions)
            .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(5)).High.Value);
    }

    /// <summary>Σ high watermarks of every topic the topology writes (all catalog topics but its input <c>market.prices</c>).</summary>
    private static long TopologyOffsets(string bootstrap)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "load-offsets" }).Build();
        return TopicCatalog.All
            .Where(t => t.Name is not KafkaTopics.MarketPrices and not KafkaTopics.PortfolioPositions and not KafkaTopics.InstrumentReferences)
            .SelectMany(t => Enumerable.Range(0, t.Partitions).Select(p => new TopicPartition(t.Name, p)))
            .Sum(tp => consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)).High.Value);
    }

    private sealed record LatencySummary(double P50Ms, double P95Ms, double P99Ms);

    private sealed record CpuSummary(double HarnessSeconds, double BrokerSeconds, double HarnessMicrosPerTick, double BrokerMicrosPerTick);

    /// <summary>The run's figures for scripts comparing runs (<c>--json FILE</c>).</summary>
    private sealed record PipelineSummary(
        DateTimeOffset MeasuredAt,
        int Cores,
        int Portfolios,
        int PositionsPerPortfolio,
        int Instruments,
        string TickEncoding,
        string BookEncoding,
        bool LiveValues,
        int GeneratorLingerMs,
        int StreamThreads,
        int TargetTicksPerSecond,
        long Produced,
        long LagAtEnd,
        bool Drained,
        double CommittedTicksPerSecond,
        int Aggregates,
        LatencySummary WindowEndToFinalAggregate,
        CpuSummary Cpu,
        double TopologyOffsetsPerTick,
        double ProvisionalFiguresPerSecond,
        LatencySummary NewestPriceToProvisional,
        int WatchedBooks,
        double WatchedFiguresPerSecond,
        LatencySummary TickToWatchedValueReadable,
        LatencySummary WatchedVarStalenessWhenRead,
        double BookAppliedSeconds,
        MemorySummary MemoryPerPortfolio,
        double OptionShare);

    /// <param name="WorkingSetMbAtEnd">The whole process (librdkafka's native buffers included).</param>
    private sealed record MemorySummary(double ManagedBytesWithBook, double WorkingSetBytesWithBook, double ManagedBytesAtEnd, double WorkingSetMbAtEnd);

    /// <summary>The process's managed heap after a full, compacting collection, and its working set.</summary>
    private readonly record struct Memory(long ManagedBytes, long WorkingSetBytes)
    {
        public static Memory Now()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            using var self = Process.GetCurrentProcess();
            return new Memory(GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
        }
    }

    private static StreamConfig<StringSerDes, StringSerDes> Config(string bootstrap, string stateDirectory, int threads, (int PollMs, int FetchWaitMs) poll) => new()
    {
        ApplicationId = TopicCatalog.StreamApplicationId,
        ClientId = "load-stream-processor",
        BootstrapServers = bootstrap,
        Guarantee = ProcessingGuarantee.EXACTLY_ONCE,
        NumStreamThreads = threads,
        StateDir = stateDirectory,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        DefaultPartitionerReshuffleEveryKey = true,
        Partitioner = Partitioner.Murmur2Random,
        AllowAutoCreateTopics = false,
        PollMs = poll.PollMs,
        FetchWaitMaxMs = poll.FetchWaitMs,
    };

    /// <summary>Seeded daily random walks of every instrument, one close a day, as the set a deployment builds.</summary>
    private static ScenarioSet DailySet(string[] instruments, int lookback)
    {
        var random = new Random(20261202);
        var first = new DateOnly(2024, 1, 1);
        var rows = new List<(string, DateOnly, double)>(instruments.Length * (lookback + 1));
        foreach (var id in instruments)
        {
            var price = ContractUniverse.Start(id);
            for (var d = 0; d <= lookback; d++)
            {
                price *= Math.Exp(0.02 * (random.NextDouble() - 0.5));
                rows.Add((id, first.AddDays(d), price));
            }
        }

        return ScenarioSetBuilder.Build(DailyHistory.FromRows(rows), new ScenarioSetParameters(lookback, lookback));
    }

    /// <summary>References, then each portfolio's positions on distinct instruments spread over the universe.</summary>
    /// <summary>Positions the topology may lag behind the book's producer: well within the mock's ~5 MB per partition.</summary>
    private const int BookChunk = 50_000;

    /// <summary>
    /// The instruments and the book, written while the topology runs, a chunk at a time, each once the topology has
    /// committed all but the last chunk: the development broker keeps only ~5 MB per partition, so a book larger
    /// than that (100,000 × 20 positions is ~340 MB) is read as it is written, never from a truncated log.
    /// </summary>
    private static async Task<(long Count, bool Applied)> PublishBookAsync(string bootstrap, string[] instruments, ContractUniverse universe, PipelineLoadOptions options)
    {
        using var producer = NewProducer(bootstrap);
        foreach (var reference in universe.References)
        {
            producer.Produce(KafkaTopics.InstrumentReferences, new Message<string, byte[]> { Key = reference.InstrumentId, Value = EventSerializers.InstrumentReference.Serialize(reference, default) });
        }

        long count = 0;
        var at = DateTimeOffset.UtcNow;
        for (var p = 0; p < options.Portfolios; p++)
        {
            for (var k = 0; k < options.PositionsPerPortfolio; k++)
            {
                var instrument = universe.IsOption(k, options.PositionsPerPortfolio, options.OptionShare)
                    ? universe.Options[(p * 7 + k) % universe.Options.Length]
                    : instruments[(p * 7 + k * (instruments.Length / options.PositionsPerPortfolio)) % instruments.Length];
                var change = new PositionChange($"P{p:D6}", "load", instrument, 100 + k, "USD", 1, at);
                ProduceWithBackPressure(producer, KafkaTopics.PortfolioPositions, change.Key, EventSerializers.PositionChange.Serialize(change, default));
                if (++count % BookChunk == 0)
                {
                    producer.Flush(TimeSpan.FromMinutes(2));
                    if (!await WaitForCommittedAsync(bootstrap, KafkaTopics.PortfolioPositions, count - BookChunk, TimeSpan.FromMinutes(3)))
                    {
                        return (count, false);
                    }
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        return (count, await WaitForCommittedAsync(bootstrap, KafkaTopics.PortfolioPositions, count, TimeSpan.FromMinutes(3)));
    }

    private const int WarmUpBars = 30;

    /// <summary>Two ticks per bar for <see cref="WarmUpBars"/> bars before now, per instrument, as fast as the broker takes them.</summary>
    private static long ProduceHistory(string bootstrap, string[] instruments, TimeSpan barSize, bool jsonTicks)
    {
        using var producer = NewProducer(bootstrap);
        var random = new Random(11);
        var start = DateTimeOffset.UtcNow - (barSize * (WarmUpBars + 1));
        long sent = 0;
        for (var i = 0; i < instruments.Length; i++)
        {
            var price = ContractUniverse.Start(instruments[i]);
            for (var tick = 0; tick < WarmUpBars * 2; tick++)
            {
                price *= 1 + (random.NextDouble() - 0.5) * 0.02;
                var at = start + (barSize * tick / 2) + TimeSpan.FromMilliseconds(1);
                var value = new PriceTick(instruments[i], price, at, -WarmUpBars * 2 + tick, "load-history");
                ProduceWithBackPressure(producer, KafkaTopics.MarketPrices, value.InstrumentId, Encode(value, jsonTicks));
                sent++;
            }
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        return sent;
    }

    /// <summary>A tick as the feed writes it (binary), or as JSON for a comparison run (the processor reads both).</summary>
    private static byte[] Encode(PriceTick tick, bool json) =>
        json ? EventSerializers.PriceTick.Serialize(tick, default) : EventSerializers.PriceTickRecord.Serialize(tick, default);

    private static long ProduceTicks(string bootstrap, string[] instruments, int rate, TimeSpan duration, bool jsonTicks, int lingerMs)
    {
        using var producer = NewProducer(bootstrap, lingerMs);
        var prices = instruments.Select(ContractUniverse.Start).ToArray();
        var sequences = new long[instruments.Length];
        var random = new Random(7);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (clock.Elapsed < duration)
        {
            // Paced by the clock: every millisecond catches up to rate × elapsed, so bursts stay small.
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            while (sent < due)
            {
                var i = (int)(sent % instruments.Length);
                prices[i] *= 1 + (random.NextDouble() - 0.5) * 0.002;
                var tick = new PriceTick(instruments[i], prices[i], DateTimeOffset.UtcNow, ++sequences[i], "load");
                ProduceWithBackPressure(producer, KafkaTopics.MarketPrices, tick.InstrumentId, Encode(tick, jsonTicks));
                sent++;
            }

            Thread.Sleep(1);
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        return sent;
    }

    private static void ProduceWithBackPressure(IProducer<string, byte[]> producer, string topic, string key, byte[] value)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = value });
                return;
            }
            catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(5));
            }
        }
    }

    private static IProducer<string, byte[]> NewProducer(string bootstrap, int lingerMs = 5) =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            EnableIdempotence = true,
            LingerMs = lingerMs,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();

    /// <summary>Input records the topology has committed (its group's offsets, committed inside its transactions).</summary>
    private static async Task<long> CommittedAsync(string bootstrap, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = TopicCatalog.StreamApplicationId }).Build();
        var partitions = TopicCatalog.All.Single(t => t.Name == topic).Partitions;
        var committed = consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10));
        await Task.CompletedTask;
        return committed.Sum(c => Math.Max(0, c.Offset.Value));
    }

    private static async Task<bool> WaitForCommittedAsync(string bootstrap, string topic, long count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            // Transactional offsets count commit markers too, so committed ≥ records once all are processed.
            if (await CommittedAsync(bootstrap, topic) >= count)
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Counts provisional figures and how old their newest price was when computed, while measuring.</summary>
    private sealed class ProvisionalFreshness : IProvisionalRiskSink
    {
        private readonly List<double> _ages = [];
        private bool _measuring;
        private long _count;

        public void Start()
        {
            lock (_ages)
            {
                _measuring = true;
            }
        }

        public (long Count, List<double> AgesMs) Stop()
        {
            lock (_ages)
            {
                _measuring = false;
                _ages.Sort();
                return (_count, [.. _ages]);
            }
        }

        public void Publish(IReadOnlyList<ProvisionalRisk> figures)
        {
            lock (_ages)
            {
                if (_measuring)
                {
                    _count += figures.Count;
                    _ages.AddRange(figures.Select(f => (f.ComputedAt - f.AsOf).TotalMilliseconds));
                }
            }
        }
    }

    /// <summary>The services' Kafka client factory (settings, statistics) for the development broker.</summary>
    private static IHost KafkaClients(string bootstrap)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:kafka"] = bootstrap });
        builder.Logging.ClearProviders();
        builder.AddKafkaClients();
        return builder.Build();
    }

    private sealed class NoLatestPrices : ILatestPriceSink
    {
        public void Publish(PriceTick tick)
        {
        }
    }

    /// <summary>The portfolios watched: spread evenly over the book.</summary>
    private static List<string> WatchedIds(PipelineLoadOptions options) =>
        [.. Enumerable.Range(0, options.Watched).Select(i => $"P{(long)i * options.Portfolios / Math.Max(1, options.Watched):D6}")];

    /// <summary>
    /// A client of the watched books' live channels, as the Api's WebSocket is: how long after its wall-clock stamp a
    /// tick is readable here (the first figure with it), and how old each figure's VaR's prices are when read.
    /// </summary>
    private sealed class WatchedFigures : IDisposable
    {
        private readonly List<double> _readable = [];
        private readonly List<double> _staleness = [];
        private readonly Dictionary<string, DateTimeOffset> _newestAsOf = new(StringComparer.Ordinal);
        private readonly List<IAsyncDisposable> _subscriptions = [];
        private readonly CancellationTokenSource _stop = new();
        private Task _renewing = Task.CompletedTask;
        private bool _measuring;
        private long _count;

        public static async Task<WatchedFigures> StartAsync(IConnectionMultiplexer redis, LiveWatchRegistry watches, List<string> portfolioIds)
        {
            var reader = new WatchedFigures();
            var cache = new ProvisionalRiskCache(redis);
            foreach (var id in portfolioIds)
            {
                await watches.WatchAsync(id);
                reader._subscriptions.Add(await cache.SubscribeAsync(id, reader.OnFigure));
            }

            reader._renewing = Task.Run(async () =>
            {
                while (!reader._stop.IsCancellationRequested)
                {
                    await Task.Delay(LiveWatchRegistry.Lease / 3, reader._stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                    foreach (var id in portfolioIds.TakeWhile(_ => !reader._stop.IsCancellationRequested))
                    {
                        await watches.WatchAsync(id);
                    }
                }
            });
            return reader;
        }

        public void Start()
        {
            lock (_readable)
            {
                _measuring = true;
            }
        }

        public (long Count, List<double> ReadableMs, List<double> VarStalenessMs) Stop()
        {
            lock (_readable)
            {
                _measuring = false;
                _readable.Sort();
                _staleness.Sort();
                return (_count, [.. _readable], [.. _staleness]);
            }
        }

        private void OnFigure(byte[] json)
        {
            var now = DateTimeOffset.UtcNow;
            var figure = EventSerializers.ProvisionalRisk.Deserialize(json, false, default);
            lock (_readable)
            {
                // A tick is readable with the first figure that carries it; later figures at the same prices (a new
                // VaR, an FX move) say nothing about how fast that tick came through.
                var newTick = !_newestAsOf.TryGetValue(figure.PortfolioId, out var seen) || figure.AsOf > seen;
                if (newTick)
                {
                    _newestAsOf[figure.PortfolioId] = figure.AsOf;
                }

                if (_measuring)
                {
                    _count++;
                    if (newTick)
                    {
                        _readable.Add((now - figure.AsOf).TotalMilliseconds);
                    }

                    _staleness.Add((now - (figure.RiskAsOf ?? figure.AsOf)).TotalMilliseconds);
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _renewing.Wait(TimeSpan.FromSeconds(5));
            foreach (var subscription in _subscriptions)
            {
                subscription.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
            }

            _stop.Dispose();
        }
    }

    /// <summary>Reads committed aggregates as they appear and keeps, per window end, how late after it they were readable.</summary>
    private sealed class AggregateLatencies : IDisposable
    {
        private readonly ConcurrentBag<(DateTimeOffset End, double Ms)> _samples = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public AggregateLatencies(string bootstrap)
        {
            _loop = Task.Run(() =>
            {
                using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
                {
                    BootstrapServers = bootstrap,
                    GroupId = $"load-latency-{Guid.NewGuid():N}",
                    IsolationLevel = IsolationLevel.ReadCommitted,
                    AutoOffsetReset = AutoOffsetReset.Latest,
                    EnableAutoCommit = false,
                    FetchWaitMaxMs = 5,
                }).Build();
                consumer.Assign(Enumerable.Range(0, TopicCatalog.InputPartitions).Select(p => new TopicPartitionOffset(KafkaTopics.RiskAggregates, p, Offset.End)));
                while (!_stop.IsCancellationRequested)
                {
                    if (consumer.Consume(TimeSpan.FromMilliseconds(50)) is { Message: { } message })
                    {
                        var now = DateTimeOffset.UtcNow;
                        var aggregate = EventSerializers.RiskAggregate.Deserialize(message.Value, false, default);
                        if (aggregate.Window == "10s")
                        {
                            _samples.Add((aggregate.WindowEnd, (now - aggregate.WindowEnd).TotalMilliseconds));
                        }
                    }
                }
            });
        }

        public List<double> LatenciesForWindowsEndingAfter(DateTimeOffset from, DateTimeOffset to) =>
            [.. _samples.Where(s => s.End > from && s.End <= to).Select(s => s.Ms).Order()];

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait(TimeSpan.FromSeconds(5));
            _stop.Dispose();
        }
    }
}
