using System.Collections.Concurrent;
using System.Collections.Frozen;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Contracts.Topics;
using RiskRadar.ServiceDefaults.Kafka;
using RiskRadar.StreamProcessor.Pipeline.Portfolios;
using RiskRadar.StreamProcessor.Sinks;
using StackExchange.Redis;

namespace RiskRadar.StreamProcessor.Pipeline.Live;

/// <summary>
/// Moves the provisional figures of the books somebody watches with every tick. Every process reads every tick of
/// <c>market.prices</c> itself (all partitions, from the end, outside any group); the book tasks hand over each
/// watched book's layout with its figure at every refresh; a tick marks the watched books holding the instrument (or
/// converting through the FX pair), and each is valued again at the newest prices (<see cref="LiveBook.Value"/>, the
/// book task's own valuation) and published at most every <see cref="LiveValueOptions.MinInterval"/>. Value, P&amp;L
/// and exposures follow the tick; VaR, ES and volatility are measured again here every
/// <see cref="PipelineOptions.LiveRefresh"/> for the watched books whose prices moved, with the book tasks' batch
/// (<see cref="LiveRiskBatch"/>) at the engine's prices (<see cref="ProvisionalRisk.RiskAsOf"/>), so a watched book's
/// risk does not wait for its book task, which only sees prices after the topology's transactions.
/// </summary>
/// <remarks>
/// <para>
/// Not through the topology: its stream threads also close windows, run the refreshes and commit transactions, so a
/// tick waits behind them (measured at 50,000 ticks/s: 0.9–1.8 s at the median through the instrument stage, 19 ms
/// read directly); reading the topic again costs about 4 % of one core there. Provisional figures need no exactly-once
/// guarantee, and the board keeps the newest price per instrument, so a tick read twice or late moves nothing back.
/// </para>
/// <para>
/// Only watched books (<see cref="LiveWatchRegistry"/>: the Api adds a book as clients ask for its live figures) are
/// valued per tick: at the brief's 400 holders per instrument and 100,000 ticks/s a figure per holder per tick would be
/// 40 million Redis writes a second, which no screen needs; everybody else's figures come at the refreshes. One thread
/// owns the books, the prices and the holder index, so nothing here is locked; stream threads only enqueue.
/// </para>
/// </remarks>
public sealed class LiveValueEngine(
    KafkaClientFactory kafka,
    LiveWatchRegistry watches,
    ICurrentScenarioSet scenarioSets,
    IProvisionalRiskSink figures,
    IOptions<LiveValueOptions> options,
    IOptions<PipelineOptions> pipeline,
    TimeProvider clock,
    ILogger<LiveValueEngine> logger) : BackgroundService, ILiveBooks
{
    /// <summary>Ticks taken from the consumer before the loop looks at its other inputs and publishes.</summary>
    private const int TicksPerPass = 2_000;

    private readonly ConcurrentQueue<Input> _inputs = new();
    private readonly TaskCompletionSource _reading = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly Dictionary<string, (double Price, long Time)> _board = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WatchedBook> _books = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<WatchedBook>> _holders = new(StringComparer.Ordinal);
    private readonly HashSet<WatchedBook> _dirty = [];
    private readonly LiveRiskBatch _risk = new();
    private long _riskPassAt;
    private IReadOnlySet<string> _watched = FrozenSet<string>.Empty;
    private int _generation;

    /// <summary>Completes once the engine reads ticks: every tick written after that moves the watched books.</summary>
    public Task Reading => _reading.Task;

    public int Generation => Volatile.Read(ref _generation);

    public IReadOnlySet<string> Watched => Volatile.Read(ref _watched);

    public void Refreshed(IReadOnlyList<(LiveBook Book, ProvisionalRisk Figure)> books)
    {
        ArgumentNullException.ThrowIfNull(books);
        foreach (var (book, figure) in books)
        {
            _inputs.Enqueue(new Input(Book: book, Figure: figure));
        }
    }

    public void Forget(IReadOnlyCollection<string> portfolioIds)
    {
        ArgumentNullException.ThrowIfNull(portfolioIds);
        if (options.Value.Enabled && portfolioIds.Count > 0) // off, nothing would ever drain the queue
        {
            _inputs.Enqueue(new Input(Forgotten: [.. portfolioIds]));
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return Task.CompletedTask;
        }

        // A thread of its own: the consumer blocks, and this loop is the only thing touching the engine's state.
        var loop = Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _ = loop.ContinueWith(
            t => logger.LogError(t.Exception, "The live value engine stopped: watched books get figures at the refreshes only"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Task.WhenAll(loop, PollWatchesAsync(stoppingToken));
    }

    private async Task PollWatchesAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.WatchPoll, clock);
        try
        {
            do
            {
                try
                {
                    var watched = await watches.ReadAsync();
                    if (!watched.SetEquals(Watched))
                    {
                        Volatile.Write(ref _watched, watched.ToFrozenSet(StringComparer.Ordinal));
                        Interlocked.Increment(ref _generation);
                        _inputs.Enqueue(new Input(WatchedChanged: true));
                    }
                }
                catch (RedisException ex)
                {
                    logger.LogWarning(ex, "Reading the watched books failed; keeping the {Count} known", Watched.Count);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Run(CancellationToken cancellationToken)
    {
        var config = kafka.CreateConsumerConfig("live-values", "riskradar-live-values");
        config.EnableAutoCommit = false;
        config.AutoOffsetReset = AutoOffsetReset.Latest;
        config.EnablePartitionEof = false;
        // Nothing waits for a fetch longer than this when no tick came (the development broker holds an empty fetch
        // for all of it, even when a tick arrives meanwhile).
        config.FetchWaitMaxMs = (int)options.Value.FetchWait.TotalMilliseconds;
        using var consumer = kafka.CreateConsumer<Ignore, PriceTick>(config, b => b.SetValueDeserializer(EventSerializers.PriceTickRecord));
        var published = new List<ProvisionalRisk>();
        try
        {
            // Every partition, from its end now, and no group: each process needs every price, and a restart needs
            // none of the past. The ends are asked for here rather than left to the consumer, so every tick written
            // after this point is read.
            consumer.Assign(EndsOfTicks(consumer, cancellationToken));
            _reading.TrySetResult();
            logger.LogInformation("Live values: reading every tick of {Topic} from its end", KafkaTopics.MarketPrices);
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    Pass(consumer, published);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Provisional figures are not worth the process: the refreshes go on, and so does the next pass,
                    // a second later, so a fault that repeats does not flood the log.
                    logger.LogError(ex, "A pass of the live value engine failed");
                    cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
                }
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    /// <summary>The ticks there are (waiting at most until the next figure is due), the other inputs, then the figures due.</summary>
    private void Pass(IConsumer<Ignore, PriceTick> consumer, List<ProvisionalRisk> published)
    {
        var wait = NextDue() is { } due && due < options.Value.FetchWait ? due : options.Value.FetchWait;
        for (var taken = 0; taken < TicksPerPass && Consume(consumer, taken == 0 ? wait : TimeSpan.Zero) is { } tick; taken++)
        {
            OnTick(tick);
        }

        while (_inputs.TryDequeue(out var input))
        {
            Apply(input);
        }

        if (clock.GetElapsedTime(_riskPassAt) >= pipeline.Value.LiveRefresh)
        {
            MeasureRisk();
        }

        PublishDue(published);
    }

    /// <summary>
    /// The risk of the watched books whose prices moved since it was last measured, oldest first, for at most
    /// <see cref="PipelineOptions.LiveBudget"/>: the same batch and valuation as a book task's refresh, at the newest prices.
    /// </summary>
    private void MeasureRisk()
    {
        _riskPassAt = clock.GetTimestamp();
        var stale = _books.Values.Where(b => b.RiskStale).OrderBy(b => b.Figure.RiskAsOf ?? b.Figure.AsOf).ToList();
        if (stale.Count == 0)
        {
            return;
        }

        const int BatchSize = 64;
        var set = scenarioSets.Current;
        var now = clock.GetUtcNow();
        for (var from = 0; from < stale.Count && clock.GetElapsedTime(_riskPassAt) < pipeline.Value.LiveBudget; from += BatchSize)
        {
            var valued = new List<(WatchedBook Book, LiveValue Value)>(BatchSize);
            foreach (var book in stale.Skip(from).Take(BatchSize))
            {
                book.RiskStale = false;
                if (book.Layout.Value(Newest, new NewestFxRates(_board, book.Layout.FxPrices), book.Layout, set, now.ToUnixTimeMilliseconds()) is { } value)
                {
                    valued.Add((book, value));
                }
            }

            var risks = _risk.Measure([.. valued.Select(v => (v.Book.Layout.PortfolioId, v.Book.Layout.BaseCurrency, v.Value.Valuation))], set, pipeline.Value);
            for (var i = 0; i < valued.Count; i++)
            {
                var (book, value) = valued[i];
                book.Figure = book.Layout.Figure(value, risks[i], set, now);
                book.MeasuredHere = true;
                _dirty.Add(book);
            }
        }
    }

    private List<TopicPartitionOffset> EndsOfTicks(IConsumer<Ignore, PriceTick> consumer, CancellationToken cancellationToken)
    {
        var partitions = TopicCatalog.All.Single(t => t.Name == KafkaTopics.MarketPrices).Partitions;
        while (true)
        {
            try
            {
                return [.. Enumerable.Range(0, partitions).Select(p =>
                {
                    var partition = new TopicPartition(KafkaTopics.MarketPrices, new Partition(p));
                    return new TopicPartitionOffset(partition, consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(5)).High);
                })];
            }
            catch (KafkaException ex)
            {
                logger.LogWarning("Finding the end of {Topic} failed ({Reason}); watched books get figures at the refreshes meanwhile", KafkaTopics.MarketPrices, ex.Error.Reason);
                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(2));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private PriceTick? Consume(IConsumer<Ignore, PriceTick> consumer, TimeSpan wait)
    {
        try
        {
            return consumer.Consume(wait)?.Message.Value;
        }
        catch (ConsumeException ex)
        {
            // The topology dead-letters what it cannot read; here it is only a price fewer.
            logger.LogDebug("A tick the live values could not read was skipped: {Reason}", ex.Error.Reason);
            return null;
        }
    }

    private void Apply(Input input)
    {
        if (input.Book is { } book)
        {
            OnRefreshed(book, input.Figure!);
        }
        else if (input.Forgotten is { } forgotten)
        {
            foreach (var portfolioId in forgotten)
            {
                Remove(portfolioId);
            }
        }
        else if (input.WatchedChanged)
        {
            foreach (var portfolioId in _books.Keys.Where(id => !Watched.Contains(id)).ToList())
            {
                Remove(portfolioId);
            }
        }
    }

    /// <summary>A tick that is its instrument's newest marks the watched books it moves; older ones change nothing.</summary>
    private void OnTick(PriceTick tick)
    {
        var (instrumentId, price, time) = (tick.InstrumentId, tick.Price, tick.Timestamp.ToUnixTimeMilliseconds());
        if (!double.IsFinite(price) || price <= 0
            || (_board.TryGetValue(instrumentId, out var known) && (known.Time > time || (known.Time == time && known.Price == price))))
        {
            return;
        }

        _board[instrumentId] = (price, time);
        if (_holders.TryGetValue(instrumentId, out var holders))
        {
            foreach (var holder in holders)
            {
                _dirty.Add(holder);
                holder.RiskStale = true;
            }
        }
    }

    private void OnRefreshed(LiveBook book, ProvisionalRisk figure)
    {
        if (!Watched.Contains(book.PortfolioId))
        {
            figures.Publish([figure]); // nobody watches it any more: the refresh's figure as it is
            return;
        }

        var previous = Remove(book.PortfolioId);
        // The task's figure is measured at the prices the topology brought it, usually older than the engine's: the
        // engine's own measure of the same holdings (same version) stays, the next pass measures new holdings.
        var keep = previous is { MeasuredHere: true } && previous.Layout.Version == book.Version;
        var watched = new WatchedBook(book, keep ? previous!.Figure : figure, previous?.PublishedAt ?? long.MinValue)
        {
            RiskStale = true,
            MeasuredHere = keep,
        };
        _books[book.PortfolioId] = watched;
        foreach (var instrumentId in MovedBy(book))
        {
            if (!_holders.TryGetValue(instrumentId, out var holders))
            {
                _holders[instrumentId] = holders = [];
            }

            holders.Add(watched);
        }

        _dirty.Add(watched);
    }

    private WatchedBook? Remove(string portfolioId)
    {
        if (!_books.Remove(portfolioId, out var book))
        {
            return null;
        }

        _dirty.Remove(book);
        _risk.Forget(portfolioId);
        foreach (var instrumentId in MovedBy(book.Layout))
        {
            if (_holders.TryGetValue(instrumentId, out var holders))
            {
                holders.Remove(book);
                if (holders.Count == 0)
                {
                    _holders.Remove(instrumentId);
                }
            }
        }

        return book;
    }

    /// <summary>The instruments whose prices move the book's figure: its holdings and the FX pairs converting them.</summary>
    private static IEnumerable<string> MovedBy(LiveBook book) =>
        book.Holdings.Select(h => h.InstrumentId).Union(book.FxPrices.Keys, StringComparer.Ordinal);

    /// <summary>How long until the first marked book may be published again; null when none is marked.</summary>
    private TimeSpan? NextDue()
    {
        if (_dirty.Count == 0)
        {
            return null;
        }

        var now = clock.GetTimestamp();
        var due = TimeSpan.MaxValue;
        foreach (var book in _dirty)
        {
            if (book.PublishedAt == long.MinValue)
            {
                return TimeSpan.Zero;
            }

            var wait = options.Value.MinInterval - clock.GetElapsedTime(book.PublishedAt, now);
            if (wait <= TimeSpan.Zero)
            {
                return TimeSpan.Zero;
            }

            due = wait < due ? wait : due;
        }

        return due;
    }

    private void PublishDue(List<ProvisionalRisk> published)
    {
        if (_dirty.Count == 0)
        {
            return;
        }

        var now = clock.GetTimestamp();
        published.Clear();
        foreach (var book in _dirty.ToList())
        {
            if (book.PublishedAt != long.MinValue && clock.GetElapsedTime(book.PublishedAt, now) < options.Value.MinInterval)
            {
                continue;
            }

            _dirty.Remove(book);
            book.PublishedAt = now;
            published.Add(Revalue(book));
        }

        if (published.Count > 0)
        {
            figures.Publish([.. published]);
        }
    }

    /// <summary>The book's figure with its newest risk, and its value, P&amp;L and exposures at the newest prices known.</summary>
    private ProvisionalRisk Revalue(WatchedBook book)
    {
        var layout = book.Layout;
        var fx = new NewestFxRates(_board, layout.FxPrices);
        if (layout.Value(Newest, fx, layout, set: null, clock.GetUtcNow().ToUnixTimeMilliseconds()) is not { } value)
        {
            return book.Figure;
        }

        var valued = value.Valuation.Complete([], null, pipeline.Value);
        return book.Figure with
        {
            AsOf = DateTimeOffset.FromUnixTimeMilliseconds(value.AsOf),
            MarketValue = valued.MarketValue,
            Pnl = value.WindowPnl,
            GrossExposure = valued.GrossExposure,
            NetExposure = valued.NetExposure,
            ExposureByAssetClass = valued.ExposureByAssetClass,
            Positions = valued.Positions,
            ComputedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>A holding's newest price: the engine's when it is at least as new as what its book task had.</summary>
    private (double Price, long Time)? Newest(LiveHolding holding) =>
        _board.TryGetValue(holding.InstrumentId, out var board) && (holding.Live is not { } task || board.Time >= task.Time)
            ? board
            : holding.Live;

    /// <summary>One of the engine's inputs besides ticks: a refreshed watched book, books that left this process, or a new watched set.</summary>
    private sealed record Input(LiveBook? Book = null, ProvisionalRisk? Figure = null, string[]? Forgotten = null, bool WatchedChanged = false);

    /// <summary>A watched book: its layout from its book task, its figure with the newest risk, and when (Stopwatch ticks) it was last published.</summary>
    private sealed class WatchedBook(LiveBook layout, ProvisionalRisk figure, long publishedAt)
    {
        public LiveBook Layout { get; } = layout;

        public ProvisionalRisk Figure { get; set; } = figure;

        public long PublishedAt { get; set; } = publishedAt;

        /// <summary>A price moved (or the holdings did) since its risk was measured.</summary>
        public bool RiskStale { get; set; }

        /// <summary>Its figure's risk was measured by the engine, not brought by the book task.</summary>
        public bool MeasuredHere { get; set; }
    }

    /// <summary>FX pairs at the newest of the engine's price and the one the book task converted with.</summary>
    private sealed class NewestFxRates(
        IReadOnlyDictionary<string, (double Price, long Time)> board, IReadOnlyDictionary<string, (double Price, long Time)> task) : IFxRates
    {
        public bool Quotes(string pairId) => board.ContainsKey(pairId) || task.ContainsKey(pairId);

        public double? RateAt(string pairId, long time) =>
            board.TryGetValue(pairId, out var now) && (!task.TryGetValue(pairId, out var known) || now.Time >= known.Time) ? now.Price
            : task.TryGetValue(pairId, out var fallback) ? fallback.Price
            : null;
    }
}
