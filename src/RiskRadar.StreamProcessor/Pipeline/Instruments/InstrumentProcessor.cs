using System.Text;
using Confluent.Kafka;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;

namespace RiskRadar.StreamProcessor.Pipeline.Instruments;

/// <summary>
/// Per instrument, in its partition's order: builds bars (closing them once the instrument's event time passes
/// their end plus the grace period), keeps its most recent closes (FX rates and bar finality for the portfolios),
/// keeps who holds the instrument, and fans each newest tick and each position change out to the holding portfolios.
/// </summary>
public sealed class InstrumentProcessor : ITransformer<string, InstrumentInput, string, InstrumentOutput>
{
    public const string StoreName = TopicCatalog.Stores.InstrumentState;

    private readonly PipelineOptions _options;
    private readonly long _barMs;
    private readonly long _graceMs;
    private ProcessorContext<string, InstrumentOutput> _context = null!;
    private CachedStateStore _state = null!;

    public InstrumentProcessor()
        : this(new PipelineOptions())
    {
    }

    public InstrumentProcessor(PipelineOptions options)
    {
        _options = options;
        _barMs = (long)options.BarSize.TotalMilliseconds;
        _graceMs = (long)options.BarGrace.TotalMilliseconds;
    }

    public void Init(ProcessorContext<string, InstrumentOutput> context)
    {
        _context = context;
        _state = new CachedStateStore((IKeyValueStore<string, byte[]>)context.GetStateStore(StoreName));
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
        var bars = _state.Get(id, PipelineJsonContext.Default.InstrumentBars) ?? new InstrumentBars();
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
            bars.LastPrice = tick.Price;
            bars.LastTickTime = time;
            bars.LastSequence = tick.Sequence;
        }

        bars.Watermark = Math.Max(bars.Watermark, time);
        var history = CloseBars(id, bars);
        _state.Put(id, bars, PipelineJsonContext.Default.InstrumentBars);

        if (newest)
        {
            var holdings = _state.Get(HoldingsKey(id), PipelineJsonContext.Default.InstrumentHoldings);
            foreach (var portfolioId in holdings?.ByPortfolio.Keys ?? Enumerable.Empty<string>())
            {
                _context.Forward(portfolioId, new InstrumentOutput(PortfolioEvent: new PortfolioEvent(portfolioId, id, time, tick.Price)));
            }
        }

        if (history is not null)
        {
            PublishScenario(id, bars, history);
        }
    }

    private void OnPosition(PositionChange position)
    {
        var id = position.InstrumentId;
        var holdings = _state.Get(HoldingsKey(id), PipelineJsonContext.Default.InstrumentHoldings) ?? new InstrumentHoldings();
        if (holdings.ByPortfolio.TryGetValue(position.PortfolioId, out var held) && held.Version >= position.Version)
        {
            return; // an older change redelivered after a newer one: the compacted topic's latest wins
        }

        if (position.Quantity == 0)
        {
            holdings.ByPortfolio.Remove(position.PortfolioId);
        }
        else
        {
            holdings.ByPortfolio[position.PortfolioId] = new Holding(position.Quantity, position.TenantId, position.BaseCurrency, position.Version);
        }

        _state.Put(HoldingsKey(id), holdings, PipelineJsonContext.Default.InstrumentHoldings);

        // Applied at the instrument's own stream time, so its place among the ticks is what this partition saw.
        var bars = _state.Get(id, PipelineJsonContext.Default.InstrumentBars);
        var time = bars is { LastTickTime: > long.MinValue } ? bars.LastTickTime : position.Timestamp.ToUnixTimeMilliseconds();
        _context.Forward(position.PortfolioId, new InstrumentOutput(PortfolioEvent: new PortfolioEvent(
            position.PortfolioId, id, time, bars?.LastPrice, position.Quantity, position.TenantId, position.BaseCurrency, position.Version)));
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

    /// <returns>The updated history when the final horizon moved (a new scenario record is due), else null.</returns>
    private RecentCloses? CloseBars(string id, InstrumentBars bars)
    {
        var closedThrough = FloorTo(bars.Watermark - _graceMs, _barMs);
        if (closedThrough <= bars.ClosedThrough)
        {
            return null;
        }

        bars.ClosedThrough = Math.Max(bars.ClosedThrough, closedThrough);
        var history = _state.Get(ReturnsKey(id), PipelineJsonContext.Default.RecentCloses) ?? new RecentCloses();
        while (bars.Open.Count > 0 && bars.Open[0].Start + _barMs <= bars.ClosedThrough)
        {
            var bar = bars.Open[0];
            bars.Open.RemoveAt(0);
            double? ret = bars.LastClose is { } previous ? (bar.Close / previous) - 1.0 : null;
            history.Add(bar.Start, bar.Close, _options.RecentBars);
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

        _state.Put(ReturnsKey(id), history, PipelineJsonContext.Default.RecentCloses);
        return history;
    }

    private void PublishScenario(string id, InstrumentBars bars, RecentCloses history) =>
        _context.Forward(id, new InstrumentOutput(Scenario: new InstrumentScenario(
            id, _barMs, bars.ClosedThrough, [.. history.BarStarts], [.. history.Closes])));

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

    internal static string HoldingsKey(string instrumentId) => instrumentId + "|h";

    internal static string ReturnsKey(string instrumentId) => instrumentId + "|r";

    internal static long FloorTo(long time, long step) => (long)Math.Floor((double)time / step) * step;
}
