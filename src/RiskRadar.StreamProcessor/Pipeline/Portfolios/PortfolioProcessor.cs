using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.Stream;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>
/// Per portfolio: applies its instruments' prices and quantity changes, snapshots each holding as its instrument's
/// stream crosses a window boundary, and closes a boundary once every held instrument has passed it and the FX
/// pairs' bars are final up to it; its risk is the boundary's positions revalued over the current daily scenario
/// set. Results therefore depend on each instrument's own order only, not on how the instruments' streams
/// interleave — which is what makes a replay, or a restart, reproduce them.
/// </summary>
public sealed class PortfolioProcessor : ITransformer<string, PortfolioEvent, string, RiskAggregate>
{
    public const string StoreName = TopicCatalog.Stores.PortfolioState;

    private readonly PipelineOptions _options;
    private readonly ICurrentScenarioSet _scenarioSets;
    private readonly IReadOnlyList<WindowSpec> _windows;
    private readonly long _stepMs;
    private readonly long _maxWindowMs;
    private readonly long _barMs;
    private readonly Dictionary<string, long> _pendingSince = new(StringComparer.Ordinal);
    private ProcessorContext<string, RiskAggregate> _context = null!;
    private CachedStateStore _state = null!;
    private IMarketData _market = null!;

    /// <summary>Streamiz's builder requires this constructor's existence; the topology always passes the arguments.</summary>
    public PortfolioProcessor()
        : this(new PipelineOptions(), ICurrentScenarioSet.Fixed(null))
    {
    }

    public PortfolioProcessor(PipelineOptions options, ICurrentScenarioSet scenarioSets)
    {
        _options = options;
        _scenarioSets = scenarioSets;
        _windows = options.EffectiveWindows;
        _stepMs = options.BoundaryStepMs;
        _maxWindowMs = options.MaxWindowMs;
        _barMs = (long)options.BarSize.TotalMilliseconds;
    }

    public void Init(ProcessorContext<string, RiskAggregate> context)
    {
        _context = context;
        _state = new CachedStateStore((IKeyValueStore<string, byte[]>)context.GetStateStore(StoreName));
        _market = new GlobalStoreMarketData(context);
        context.Schedule(_options.RetryInterval, PunctuationType.PROCESSING_TIME, RetryPending);
    }

    public Record<string, RiskAggregate>? Process(Record<string, PortfolioEvent> record)
    {
        var e = record.Value;
        var header = _state.Get(e.PortfolioId, PipelineJsonContext.Default.PortfolioHeader);
        if (header is null)
        {
            if (!e.IsPosition)
            {
                return null; // a price for a holding this portfolio no longer has
            }

            header = new PortfolioHeader { NextBoundary = CeilTo(e.Time + 1, _stepMs) };
        }

        if (e.IsPosition)
        {
            header.TenantId = e.TenantId ?? header.TenantId;
            header.BaseCurrency = e.BaseCurrency ?? header.BaseCurrency;
        }

        var key = HoldingKey(e.PortfolioId, e.InstrumentId);
        var holding = _state.Get(key, PipelineJsonContext.Default.HoldingState);
        if (holding is null)
        {
            if (!e.IsPosition)
            {
                return null;
            }

            holding = new HoldingState { Since = e.Time, Time = e.Time, Price = e.Price };
            header.Instruments.Add(e.InstrumentId);
        }

        Snapshot(holding, e.Time, header.NextBoundary);
        Apply(holding, e);
        _state.Put(key, holding, PipelineJsonContext.Default.HoldingState);

        CloseReady(e.PortfolioId, header, _context.WallClockTime);
        _state.Put(e.PortfolioId, header, PipelineJsonContext.Default.PortfolioHeader);
        return null;
    }

    public void Close()
    {
    }

    private void RetryPending(long wallClock)
    {
        foreach (var portfolioId in _pendingSince.Keys.ToList())
        {
            var header = _state.Get(portfolioId, PipelineJsonContext.Default.PortfolioHeader);
            if (header is null)
            {
                _pendingSince.Remove(portfolioId);
                continue;
            }

            var before = header.NextBoundary;
            CloseReady(portfolioId, header, wallClock);
            if (header.NextBoundary != before)
            {
                _state.Put(portfolioId, header, PipelineJsonContext.Default.PortfolioHeader);
            }
        }
    }

    /// <summary>Records the holding's state just before each boundary its stream crosses with this event.</summary>
    private void Snapshot(HoldingState holding, long time, long nextBoundary)
    {
        var oldest = Math.Max(nextBoundary - _maxWindowMs, time - (long)_options.MaxCatchUp.TotalMilliseconds - _maxWindowMs);
        var first = Math.Max(CeilTo(holding.Time + 1, _stepMs), CeilTo(oldest, _stepMs));
        for (var boundary = first; boundary <= time; boundary += _stepMs)
        {
            holding.Snapshots.Add(new BoundarySnapshot(boundary, holding.CumulativePnl, holding.Price, holding.Quantity, holding.Version));
        }
    }

    private static void Apply(HoldingState holding, PortfolioEvent e)
    {
        if (e.Price is { } price)
        {
            if (holding.Price is { } previous)
            {
                holding.CumulativePnl += holding.Quantity * (price - previous);
            }

            holding.Price = price;
        }

        if (e.Quantity is { } quantity && e.Version >= holding.Version)
        {
            holding.Quantity = quantity;
            holding.Version = e.Version;
        }

        holding.Time = Math.Max(holding.Time, e.Time);
    }

    private void CloseReady(string portfolioId, PortfolioHeader header, long wallClock)
    {
        var holdings = header.Instruments
            .Select(id => (Id: id, State: _state.Get(HoldingKey(portfolioId, id), PipelineJsonContext.Default.HoldingState)!))
            .ToList();
        var held = holdings.Where(h => h.State.Quantity != 0).ToList();
        var active = held.Where(h => h.State.Price is not null).ToList();
        if (active.Count == 0)
        {
            _pendingSince.Remove(portfolioId);
            return;
        }

        // A holding whose first price has not arrived yet (its instrument's partition lags) holds the window back like
        // a lagging price would, up to the stall timeout; otherwise the window would close without it, valued short.
        var unpriced = active.Count < held.Count;
        var watermark = active.Min(h => h.State.Time);
        var leading = active.Max(h => h.State.Time);
        var catchUpMs = (long)_options.MaxCatchUp.TotalMilliseconds;
        if (watermark - header.NextBoundary > catchUpMs)
        {
            header.NextBoundary = CeilTo(watermark - catchUpMs, _stepMs); // after an idle gap, skip what nobody waits for
        }

        while (header.NextBoundary <= leading)
        {
            var boundary = header.NextBoundary;
            var ready = !unpriced && watermark >= boundary && FxRatesFinal(active.Select(h => h.Id), header.BaseCurrency, boundary);
            if (!ready)
            {
                var since = _pendingSince.TryGetValue(portfolioId, out var s) ? s : _pendingSince[portfolioId] = wallClock;
                if (wallClock - since < (long)_options.StallTimeout.TotalMilliseconds)
                {
                    return;
                }
            }

            Emit(portfolioId, header, holdings, boundary);
            header.NextBoundary = boundary + _stepMs;
            if (ready)
            {
                // A stall keeps its start time until the portfolio is in step again, so it waits once, not per boundary.
                _pendingSince.Remove(portfolioId);
            }
        }

        Prune(portfolioId, header, holdings);
    }

    /// <summary>
    /// True when the FX pairs converting the foreign holdings have final bars up to the boundary's bar in the records
    /// this task sees, so the boundary's rates are the ones a replay would find.
    /// </summary>
    private bool FxRatesFinal(IEnumerable<string> instruments, string baseCurrency, long boundary)
    {
        var needed = InstrumentFloor(boundary);
        foreach (var id in instruments)
        {
            if (_market.Reference(id) is { } reference && reference.Currency != baseCurrency)
            {
                foreach (var pair in FxPairs(reference.Currency, baseCurrency))
                {
                    if (_market.Scenario(pair) is { } fx && fx.ClosedThrough < needed)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private void Emit(string portfolioId, PortfolioHeader header, List<(string Id, HoldingState State)> holdings, long end)
    {
        var atEnd = holdings.Select(h => (h.Id, Snapshot: At(h.State, end))).ToList();
        var positions = atEnd
            .Where(h => h.Snapshot.Quantity != 0 && h.Snapshot.Price is not null)
            .Select(h => new PositionValue(h.Id, h.Snapshot.Quantity, h.Snapshot.Price!.Value))
            .ToList();
        var set = _scenarioSets.Current;
        var risk = PortfolioRisk.Measure(header.BaseCurrency, end, positions, _market, set, _options);
        var positionsVersion = atEnd.Max(h => h.Snapshot.Version);
        var computedAt = DateTimeOffset.FromUnixTimeMilliseconds(_context.WallClockTime);

        foreach (var window in _windows)
        {
            var advance = (long)window.Advance.TotalMilliseconds;
            if (end % advance != 0)
            {
                continue;
            }

            var start = end - (long)window.Size.TotalMilliseconds;
            var pnl = 0.0;
            foreach (var (id, state) in holdings)
            {
                var change = At(state, end).CumulativePnl - At(state, start).CumulativePnl;
                if (change != 0 && Rate(id, header.BaseCurrency, end) is { } rate)
                {
                    pnl += change * rate;
                }
            }

            _context.Forward(portfolioId, new RiskAggregate(
                portfolioId,
                header.TenantId,
                window.Name,
                DateTimeOffset.FromUnixTimeMilliseconds(start),
                DateTimeOffset.FromUnixTimeMilliseconds(end),
                header.BaseCurrency,
                risk.MarketValue,
                pnl,
                risk.GrossExposure,
                risk.NetExposure,
                risk.ExposureByAssetClass,
                Finite(risk.At95?.ValueAtRisk),
                Finite(risk.At99?.ValueAtRisk),
                Finite(risk.At95?.ExpectedShortfall),
                Finite(risk.At975?.ExpectedShortfall),
                Finite(risk.At99?.ExpectedShortfall),
                Finite(risk.Ratios?.Volatility),
                Finite(risk.Ratios?.Sharpe),
                Finite(risk.Ratios?.MaxDrawdown),
                risk.Scenarios,
                risk.Positions,
                risk.InstrumentsWithoutHistory,
                computedAt,
                set?.Id,
                positionsVersion));
        }
    }

    /// <summary>The holding's state just before <paramref name="boundary"/>.</summary>
    internal static BoundarySnapshot At(HoldingState holding, long boundary)
    {
        if (boundary <= holding.Since)
        {
            return new BoundarySnapshot(boundary, 0, null, 0); // not yet held
        }

        foreach (var snapshot in holding.Snapshots)
        {
            if (snapshot.Boundary == boundary)
            {
                return snapshot;
            }
        }

        // Not crossed yet: the instrument is flat here or stalled (stall timeout), so its latest state stands.
        return new BoundarySnapshot(boundary, holding.CumulativePnl, holding.Price, holding.Quantity, holding.Version);
    }

    private double? Rate(string instrumentId, string baseCurrency, long time) =>
        _market.Reference(instrumentId) is { } reference
            ? FxConversion.Find(reference.Currency, baseCurrency, _market)?.RateAt(time)
            : null;

    private void Prune(string portfolioId, PortfolioHeader header, List<(string Id, HoldingState State)> holdings)
    {
        var keepFrom = header.NextBoundary - _maxWindowMs;
        foreach (var (id, state) in holdings)
        {
            var removed = state.Snapshots.RemoveAll(s => s.Boundary < keepFrom);
            if (state.Quantity == 0 && state.Snapshots.Count == 0 && state.Time < keepFrom)
            {
                // Closed before every open window began: nothing can refer to it any more.
                _state.Delete(HoldingKey(portfolioId, id));
                header.Instruments.Remove(id);
            }
            else if (removed > 0)
            {
                _state.Put(HoldingKey(portfolioId, id), state, PipelineJsonContext.Default.HoldingState);
            }
        }
    }

    private long InstrumentFloor(long time) => (long)Math.Floor((double)time / _barMs) * _barMs;

    private static IEnumerable<string> FxPairs(string from, string to) =>
        [$"FX.{from}{to}", $"FX.{to}{from}", $"FX.{from}USD", $"FX.USD{from}", $"FX.{to}USD", $"FX.USD{to}"];

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    internal static string HoldingKey(string portfolioId, string instrumentId) => portfolioId + "|" + instrumentId;

    internal static long CeilTo(long time, long step) => (long)Math.Ceiling((double)time / step) * step;
}
