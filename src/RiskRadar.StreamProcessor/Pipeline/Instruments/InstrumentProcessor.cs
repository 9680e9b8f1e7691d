using System.Text;
using Confluent.Kafka;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using RiskRadar.ServiceDefaults.Kafka;
using RiskRadar.StreamProcessor.Sinks;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;

namespace RiskRadar.StreamProcessor.Pipeline.Instruments;

/// <summary>
/// Per instrument, in its partition's order: builds bars (closing them once the instrument's event time passes
/// their end plus the grace period), keeps its last price and the last boundary it announced, and tells the books
/// what they need of it: the price at each window boundary its stream crosses (to every book partition) and each
/// position change at its place in the stream (to the portfolio's partition). Nothing here is
/// per holder, so a tick costs the same however many portfolios hold the instrument. Each tick that is the
/// instrument's newest also goes to the latest-price sink (Redis): a late one never replaces a newer price.
/// </summary>
public sealed class InstrumentProcessor : ITransformer<string, InstrumentInput, string, InstrumentOutput>
{
    public const string StoreName = TopicCatalog.Stores.InstrumentState;

    private readonly PipelineOptions _options;
    private readonly ILatestPriceSink _latestPrices;
    private readonly long _barMs;
    private readonly long _graceMs;
    private readonly long _stepMs;
    private readonly Dictionary<string, (double Price, long Time)> _live = new(StringComparer.Ordinal);
    private ProcessorContext<string, InstrumentOutput> _context = null!;
    private IKeyValueStore<string, byte[]> _store = null!;
    private CachedStateStore<InstrumentBars> _state = null!;
    private long _lastSnapshot = long.MinValue;

    /// <summary>For Streamiz's transformer builder, which requires it; the topology passes its options and sink.</summary>
    public InstrumentProcessor()
        : this(new PipelineOptions(), ILatestPriceSink.None)
    {
    }

    public InstrumentProcessor(PipelineOptions options, ILatestPriceSink latestPrices)
    {
        _options = options;
        _latestPrices = latestPrices;
        _barMs = (long)options.BarSize.TotalMilliseconds;
        _graceMs = (long)options.BarGrace.TotalMilliseconds;
        _stepMs = options.BoundaryStepMs;
    }

    public void Init(ProcessorContext<string, InstrumentOutput> context)
    {
        _context = context;
        _store = (IKeyValueStore<string, byte[]>)context.GetStateStore(StoreName);
        _state = new CachedStateStore<InstrumentBars>(_store, bytes => InstrumentBarsCodec.Decode(bytes), InstrumentBarsCodec.Encode);
        context.Schedule(_options.LivePriceInterval, PunctuationType.PROCESSING_TIME, _ => PublishLivePrices());
    }

    public Record<string, InstrumentOutput>? Process(Record<string, InstrumentInput> record)
    {
        if (record.Value.Tick is { } tick)
        {
            OnTick(tick);
        }
        else if (record.Value.Position is { } position)
        {
            OnPosition(position);
        }

        return null;
    }

    public void Close()
    {
    }

    private void OnTick(PriceTick tick)
    {
        var id = tick.InstrumentId;
        var bars = _state.Get(id) ?? new InstrumentBars();
        var time = tick.Timestamp.ToUnixTimeMilliseconds();
        var barStart = FloorTo(time, _barMs);

        if (bars.LastClosedStart is { } closed && barStart <= closed)
        {
            // Its bar is final and already published: dead-letter the tick instead of rewriting history.
            ForwardLate(tick, $"late: bar starting {DateTimeOffset.FromUnixTimeMilliseconds(barStart):O} closed at {DateTimeOffset.FromUnixTimeMilliseconds(closed + _barMs + _graceMs):O}");
            return;
        }

        AddToBar(bars, barStart, time, tick.Price);

        var newest = time > bars.LastTickTime || (time == bars.LastTickTime && tick.Sequence > bars.LastSequence);
        if (newest)
        {
            CrossBoundaries(id, bars, time, tick.Price);
            bars.LastPrice = tick.Price;
            bars.LastTickTime = time;
            bars.LastSequence = tick.Sequence;
            _live[id] = (tick.Price, time);
            PublishLatest(tick);
        }

        bars.Watermark = Math.Max(bars.Watermark, time);
        CloseBars(id, bars);
        _state.Put(id, bars);
    }

    /// <summary>
    /// Hands the newest price to the cache. A tick the feed traced (it sampled it: a <c>traceparent</c> header) is
    /// handed over in a span continuing that trace, so one trace shows feed → topology → cache; the others cost no span.
    /// </summary>
    private void PublishLatest(PriceTick tick)
    {
        using var activity = KafkaTelemetry.HasTraceContext(_context.Headers)
            ? KafkaTelemetry.StartProcess(KafkaTopics.MarketPrices, _context.Headers, "latest price")
            : null;
        _latestPrices.Publish(tick);
    }

    /// <summary>
    /// Before the first tick at or past a boundary is applied, every book partition learns the price that stood at
    /// it: one record however many portfolios hold the instrument, and one per run of boundaries after a gap.
    /// </summary>
    private void CrossBoundaries(string id, InstrumentBars bars, long time, double price)
    {
        var through = FloorTo(time, _stepMs);
        if (through <= bars.BoundaryThrough)
        {
            return;
        }

        var first = bars.BoundaryThrough == long.MinValue;
        var boundary = new BookInput(Boundary: new InstrumentBoundary(
            id, first ? long.MinValue : bars.BoundaryThrough + _stepMs, through, bars.LastPrice, bars.LastTickTime, first ? price : null));
        for (var partition = 0; partition < _options.BookPartitions; partition++)
        {
            _context.Forward(id, new InstrumentOutput(Book: boundary, BookPartition: partition));
        }

        bars.BoundaryThrough = through;
    }

    /// <summary>
    /// The newest price of every instrument that ticked since the last batch, to every book partition: at most one
    /// record per partition per interval however fast the instruments tick. Kept in memory only: a restart loses
    /// at most one interval of provisional prices, which the next ticks replace.
    /// </summary>
    private void PublishLivePrices()
    {
        if (Environment.TickCount64 - _lastSnapshot >= (long)_options.LiveSnapshotInterval.TotalMilliseconds)
        {
            AddLastPricesOfAllInstruments();
        }

        if (_live.Count == 0)
        {
            return;
        }

        var batch = new LivePrices([.. _live.Keys], [.. _live.Values.Select(v => v.Price)], [.. _live.Values.Select(v => v.Time)]);
        _live.Clear();
        for (var partition = 0; partition < _options.BookPartitions; partition++)
        {
            _context.Forward(batch.InstrumentIds[0], new InstrumentOutput(Book: new BookInput(Prices: batch), BookPartition: partition));
        }

        // Streamiz asks for a commit only after a processed record; these records would otherwise wait for one.
        _context.Commit();
    }

    /// <summary>
    /// Now and then the last price of every instrument of the task, ticking or not: a book task that just started
    /// (a restart, a rebalance) holds no live prices and would otherwise show no figure for a quiet book. Read from
    /// the store directly, never through the object cache: a punctuation can run while the store is being restored.
    /// </summary>
    private void AddLastPricesOfAllInstruments()
    {
        _lastSnapshot = Environment.TickCount64;
        using var all = _store.All().GetEnumerator();
        while (all.MoveNext())
        {
            var (key, bytes) = (all.Current.Key, all.Current.Value);
            if (!_live.ContainsKey(key)
                && InstrumentBarsCodec.Decode(bytes) is { LastPrice: { } price } bars)
            {
                _live[key] = (price, bars.LastTickTime);
            }
        }
    }

    /// <summary>
    /// Placed at the instrument's stream position (after the boundaries it crossed, at its latest price), then sent to
    /// the portfolio's book partition, where it is read after those boundaries.
    /// </summary>
    private void OnPosition(PositionChange position)
    {
        var bars = _state.Get(position.InstrumentId);
        var time = bars is { LastTickTime: > long.MinValue } ? bars.LastTickTime : position.Timestamp.ToUnixTimeMilliseconds();
        var change = new HoldingChange(
            position.PortfolioId, position.InstrumentId, position.Quantity, position.Version, position.TenantId, position.BaseCurrency, bars?.LastPrice, time);
        _context.Forward(position.InstrumentId, new InstrumentOutput(
            Book: new BookInput(Change: change), BookPartition: BookPartitions.Of(position.PortfolioId, _options.BookPartitions)));
    }

    private static void AddToBar(InstrumentBars bars, long barStart, long time, double price)
    {
        var bar = bars.Open.Find(b => b.Start == barStart);
        if (bar is null)
        {
            bar = new OpenBar { Start = barStart, Open = price, OpenTime = time, High = price, Low = price, Close = price, CloseTime = time };
            bars.Open.Add(bar);
            bars.Open.Sort((a, b) => a.Start.CompareTo(b.Start));
        }
        else
        {
            if (time < bar.OpenTime)
            {
                bar.Open = price;
                bar.OpenTime = time;
            }

            if (time >= bar.CloseTime)
            {
                bar.Close = price;
                bar.CloseTime = time;
            }

            bar.High = Math.Max(bar.High, price);
            bar.Low = Math.Min(bar.Low, price);
        }

        bar.Ticks++;
    }

    private void CloseBars(string id, InstrumentBars bars)
    {
        var closedThrough = FloorTo(bars.Watermark - _graceMs, _barMs);
        if (closedThrough <= bars.ClosedThrough)
        {
            return;
        }

        bars.ClosedThrough = Math.Max(bars.ClosedThrough, closedThrough);
        while (bars.Open.Count > 0 && bars.Open[0].Start + _barMs <= bars.ClosedThrough)
        {
            var bar = bars.Open[0];
            bars.Open.RemoveAt(0);
            double? ret = bars.LastClose is { } previous ? (bar.Close / previous) - 1.0 : null;
            bars.LastClosedStart = bar.Start;
            bars.LastClose = bar.Close;
            _context.Forward(id, new InstrumentOutput(Bar: new InstrumentBar(
                id,
                DateTimeOffset.FromUnixTimeMilliseconds(bar.Start),
                DateTimeOffset.FromUnixTimeMilliseconds(bar.Start + _barMs),
                bar.Open,
                bar.High,
                bar.Low,
                bar.Close,
                bar.Ticks,
                ret)));
        }
    }

    private void ForwardLate(PriceTick tick, string reason)
    {
        var original = _context.Headers;
        var headers = new Headers();
        foreach (var header in original ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(KafkaTopics.DeadLetterReasonHeader, Encoding.UTF8.GetBytes(reason));
        _context.SetHeaders(headers);
        _context.Forward(tick.InstrumentId, new InstrumentOutput(LateTick: tick));
        _context.SetHeaders(original);
    }

    internal static long FloorTo(long time, long step) => (long)Math.Floor((double)time / step) * step;
}
