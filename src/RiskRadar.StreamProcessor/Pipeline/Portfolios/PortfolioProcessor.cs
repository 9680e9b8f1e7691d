using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using RiskRadar.StreamProcessor.Pipeline.Instruments;
using RiskRadar.StreamProcessor.Pipeline.Live;
using RiskRadar.StreamProcessor.Sinks;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.Stream;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>
/// The books of one partition of the book topic. Every instrument's boundary records reach every partition, its
/// portfolios' holding changes only theirs, each in the instrument's own order. A boundary is closed once every held
/// instrument and the FX pairs converting them have crossed it; its risk is the boundary's positions revalued
/// over the current daily scenario set. Results therefore depend on each instrument's own order only, not on how the
/// instruments' streams interleave — which is what makes a replay, or a restart, reproduce them. Between boundaries the
/// live prices give provisional figures (<c>PortfolioProcessor.Provisional.cs</c>), which never reach the final topic.
/// </summary>
/// <remarks>
/// The task keeps its books in memory and writes what changed to its changelogged store before the record's processing
/// ends, so a commit always covers the state its offsets imply. A boundary record costs a timeline append, not a
/// write per holder: holdings are valued at a boundary only when their portfolio closes it.
/// </remarks>
public sealed partial class PortfolioProcessor : ITransformer<string, BookInput, string, RiskAggregate>
{
    public const string StoreName = TopicCatalog.Stores.PortfolioState;

    private const string HeaderPrefix = "p|";
    private const string HoldingPrefix = "h|";
    private const string TimelinePrefix = "t|";

    private readonly PipelineOptions _options;
    private readonly ICurrentScenarioSet _scenarioSets;
    private readonly TimeProvider _clock;
    private readonly IProvisionalRiskSink _provisional;
    private readonly ILiveBooks _live;
    private int _watchedGeneration = -1;
    private readonly Dictionary<string, (double Price, long Time)> _livePrices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _liveDirty = new(StringComparer.Ordinal);
    private readonly Queue<string> _liveQueue = new();
    private readonly LiveRiskBatch _liveRisk = new();
    private readonly IReadOnlyList<WindowSpec> _windows;
    private readonly long _stepMs;
    private readonly long _retainMs;
    private readonly long _barMs;
    private readonly Dictionary<string, Stall> _stalls = new(StringComparer.Ordinal);
    private readonly HashSet<string> _waitingOnFx = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Book> _books = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoundaryTimeline> _timelines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _holders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirtyHeaders = new(StringComparer.Ordinal);
    private readonly HashSet<(string Portfolio, string Instrument)> _dirtyHoldings = [];
    private readonly HashSet<string> _dirtyTimelines = new(StringComparer.Ordinal);
    private ProcessorContext<string, RiskAggregate> _context = null!;
    private IKeyValueStore<string, byte[]> _store = null!;
    private PassMemoMarketData _market = null!;
    private TimelineFxRates _fx = null!;
    private ContractTimelines _contracts = null!;
    private LiveFxRates _liveFx = null!;
    private bool _loaded;

    /// <summary>Streamiz's builder requires this constructor's existence; the topology always passes the arguments.</summary>
    public PortfolioProcessor()
        : this(new PipelineOptions(), ICurrentScenarioSet.Fixed(null), TimeProvider.System, IProvisionalRiskSink.None, ILiveBooks.None)
    {
    }

    /// <param name="provisional">Where the provisional figures of books nobody watches go at each refresh.</param>
    /// <param name="live">The watched books, whose figures the live value engine publishes as their prices tick.</param>
    public PortfolioProcessor(PipelineOptions options, ICurrentScenarioSet scenarioSets, TimeProvider clock, IProvisionalRiskSink provisional, ILiveBooks live)
    {
        _provisional = provisional;
        _live = live;
        _options = options;
        _scenarioSets = scenarioSets;
        _clock = clock;
        _windows = options.EffectiveWindows;
        _stepMs = options.BoundaryStepMs;
        _retainMs = options.RetentionMs;
        _barMs = (long)options.BarSize.TotalMilliseconds;
    }

    public void Init(ProcessorContext<string, RiskAggregate> context)
    {
        _context = context;
        _store = (IKeyValueStore<string, byte[]>)context.GetStateStore(StoreName);
        _market = new PassMemoMarketData(new GlobalStoreMarketData(context));
        _fx = new TimelineFxRates(_timelines.GetValueOrDefault, _barMs);
        _contracts = new ContractTimelines(_market, _timelines.GetValueOrDefault, _stepMs);
        _liveFx = new LiveFxRates(_livePrices, _timelines.GetValueOrDefault);
        context.Schedule(_options.LiveRefresh, PunctuationType.PROCESSING_TIME, _ => PublishProvisional());
        context.Schedule(_options.RetryInterval, PunctuationType.PROCESSING_TIME, RetryPending);
    }

    public Record<string, RiskAggregate>? Process(Record<string, BookInput> record)
    {
        Load();
        _market.NewPass();
        if (record.Value.Boundary is { } boundary)
        {
            OnBoundary(boundary);
        }
        else if (record.Value.Change is { } change)
        {
            OnChange(change);
            MarkLive(change.PortfolioId);
        }
        else if (record.Value.Prices is { } prices)
        {
            OnLivePrices(prices);
        }

        Flush();
        return null;
    }

    public void Close()
    {
        // The task's books go to another task (here or in another process), which publishes their figures from now on;
        // should this one be opened again, it hands the watched books' layouts over again at its first refresh.
        _live.Forget(_books.Keys);
        _watchedGeneration = -1;
    }

    private void OnBoundary(InstrumentBoundary boundary)
    {
        var id = boundary.InstrumentId;
        if (!_timelines.TryGetValue(id, out var timeline))
        {
            _timelines[id] = timeline = new BoundaryTimeline();
        }

        if (!timeline.Add(boundary))
        {
            return;
        }

        var needed = boundary.Through;
        if (_holders.TryGetValue(id, out var holders))
        {
            // A copy: closing a window can forget a closed-out holding, which takes the book off this set.
            foreach (var portfolioId in holders.ToArray())
            {
                var book = _books[portfolioId];
                if (boundary.Through >= book.Header.NextBoundary)
                {
                    if (!StillBlocked(book, id))
                    {
                        CloseReady(portfolioId, book, Now());
                    }
                    else
                    {
                        // A window is due and waits on another instrument: the next retry looks at what it waits on
                        // and starts the clock that may close it.
                        _stalls.TryAdd(portfolioId, new Stall(Now(), null));
                    }
                }

                needed = Math.Min(needed, book.Header.NextBoundary - _retainMs);
            }
        }

        if (_waitingOnFx.Count > 0 && id.StartsWith("FX.", StringComparison.Ordinal))
        {
            // Books converting through this pair wait for it without holding it.
            foreach (var portfolioId in _waitingOnFx.ToArray())
            {
                if (_books.TryGetValue(portfolioId, out var waiting))
                {
                    CloseReady(portfolioId, waiting, Now());
                }
            }
        }

        // Kept back to the oldest window start a holder can still ask for, but no further than the catch-up horizon:
        // a book lagging this instrument by more than that values it at the oldest run kept. An FX pair converts for
        // books that need not hold it, so it keeps the whole horizon.
        var horizon = boundary.Through - (long)_options.MaxCatchUp.TotalMilliseconds - _retainMs;
        timeline.Prune(id.StartsWith("FX.", StringComparison.Ordinal) || _contracts.IsFactor(id) ? horizon : Math.Max(needed, horizon));
        _dirtyTimelines.Add(id);

        // A contract held here passes a boundary when all its factors have: its record goes through this same path.
        foreach (var contractId in _contracts.Affected(id))
        {
            if (_contracts.Advance(contractId) is { } next)
            {
                OnBoundary(next);
            }
        }
    }

    /// <summary>
    /// A portfolio waiting for another of its instruments to pass the boundary need not be looked at again when this
    /// one does: that keeps a boundary's cost to one check per holder rather than one valuation of the whole book.
    /// </summary>
    private bool StillBlocked(Book book, string crossed) =>
        book.BlockedBy is { } blocker && blocker != crossed && !_contracts.CannotValue(blocker)
        && (_timelines.GetValueOrDefault(blocker)?.Through ?? long.MinValue) < book.Header.NextBoundary;

    private void OnChange(HoldingChange change)
    {
        if (!_books.TryGetValue(change.PortfolioId, out var book))
        {
            if (change.Quantity == 0)
            {
                return; // closing a holding this task never saw
            }

            book = _books[change.PortfolioId] = new Book(new PortfolioHeader { NextBoundary = CeilTo(change.Time + 1, _stepMs) });
        }

        book.Header.TenantId = change.TenantId;
        book.Header.BaseCurrency = change.BaseCurrency;
        var after = _timelines.TryGetValue(change.InstrumentId, out var timeline) ? timeline.Through : long.MinValue;
        if (ContractTimelines.IsContract(_market.Reference(change.InstrumentId)))
        {
            // A contract has no ticks: the change is valued at its last boundary's value, where its P&L counts from.
            _contracts.Track(change.InstrumentId);
            change = change with { Price = timeline?.PriceAt(after) };
        }

        if (book.Holdings.TryGetValue(change.InstrumentId, out var holding))
        {
            holding.Pending.Add(new PendingChange(after, change.Price, change.Quantity, change.Version));
        }
        else
        {
            if (change.Quantity == 0)
            {
                return;
            }

            book.Holdings[change.InstrumentId] = new HoldingState
            {
                Since = after,
                AnchorAfter = after,
                AnchorPrice = change.Price,
                AnchorQuantity = change.Quantity,
                AnchorVersion = change.Version,
            };
            Holders(change.InstrumentId).Add(change.PortfolioId);
        }

        _dirtyHoldings.Add((change.PortfolioId, change.InstrumentId));
        _dirtyHeaders.Add(change.PortfolioId);
        CloseReady(change.PortfolioId, book, Now());
    }

    private void RetryPending(long _)
    {
        // The injected clock, not the punctuation's time: a test driver's clock runs on by itself while punctuations fire.
        var wallClock = Now();
        if (!_loaded)
        {
            return; // punctuation can run while the store is still being restored; nothing waits before the first record
        }

        _market.NewPass();
        // A lagging instrument's next boundary record retries its holders, an FX pair's the books converting through
        // it; the clock only starts the waits of books skipped while blocked and ends those that stalled.
        var stallMs = (long)_options.StallTimeout.TotalMilliseconds;
        foreach (var (portfolioId, stall) in _stalls.ToList())
        {
            if (stall.Progress is not null && wallClock - stall.Since < stallMs)
            {
                continue;
            }

            if (_books.TryGetValue(portfolioId, out var book))
            {
                CloseReady(portfolioId, book, wallClock);
            }
            else
            {
                _stalls.Remove(portfolioId);
                _waitingOnFx.Remove(portfolioId);
            }
        }

        if (Flush())
        {
            // Streamiz marks a task as needing a commit only when it processes a record, not after a punctuation:
            // without this request a window emitted here could be committed by another task's commit while this
            // task's store cache, holding the advanced boundary, waits unflushed — a crash then re-emits the window.
            _context.Commit();
        }
    }

    private void CloseReady(string portfolioId, Book book, long wallClock)
    {
        var header = book.Header;
        long watermark = long.MaxValue, leading = long.MinValue;
        var any = false;
        var unpriced = 0;
        string? slowest = null, firstUnpriced = null;
        foreach (var (id, holding) in book.Holdings)
        {
            var timeline = _timelines.GetValueOrDefault(id);
            var now = HoldingValuation.Latest(holding, timeline);
            if (now.Quantity == 0)
            {
                continue;
            }

            if (now.Price is null && ContractTimelines.IsContract(_market.Reference(id)))
            {
                // A contract created just before the position reached the master's global table after it: follow it now.
                _contracts.Track(id);
            }

            if (now.Price is null && _contracts.CannotValue(id))
            {
                // A contract that cannot be valued (its surface or curve is not quoted, it expired) has no value to
                // wait for: windows close without it and name it (Emit).
                continue;
            }

            if (now.Price is null)
            {
                // A holding whose first price has not arrived yet (its instrument's partition lags) holds the window
                // back like a lagging price would, up to the stall timeout; otherwise it would close valued short.
                unpriced++;
                firstUnpriced ??= id;
                continue;
            }

            var through = timeline?.Through ?? long.MinValue;
            if (through < watermark)
            {
                slowest = id;
            }

            watermark = Math.Min(watermark, through);
            leading = Math.Max(leading, through);
            any = true;
        }

        book.BlockedBy = firstUnpriced ?? slowest;
        if (!any)
        {
            _stalls.Remove(portfolioId);
            _waitingOnFx.Remove(portfolioId);
            return;
        }

        var startedAt = header.NextBoundary;
        var catchUpMs = (long)_options.MaxCatchUp.TotalMilliseconds;
        if (watermark - header.NextBoundary > catchUpMs)
        {
            // After an idle gap, skip what nobody waits for, but keep where the open windows start from.
            var resumeAt = CeilTo(watermark - catchUpMs, _stepMs);
            SnapshotSkippedStarts(book, header.NextBoundary, resumeAt);
            header.NextBoundary = resumeAt;
        }

        long? fxClosedThrough = null;
        while (header.NextBoundary <= leading)
        {
            var boundary = header.NextBoundary;
            var passed = unpriced == 0 && watermark >= boundary;
            var ready = passed && (fxClosedThrough ??= FxClosedThrough(book)) >= InstrumentProcessor.FloorTo(boundary, _barMs);
            if (passed && !ready)
            {
                _waitingOnFx.Add(portfolioId);
            }

            if (!ready)
            {
                // The wait starts again whenever what the window waits for moves: an input that lags (a partition
                // catching up after a restart) is not one that stalled, and closing on it would value the window short.
                var progress = new StallProgress(watermark, unpriced, fxClosedThrough ??= FxClosedThrough(book));
                var known = _stalls.TryGetValue(portfolioId, out var stall);
                if (!known || stall.Progress != progress)
                {
                    // A wait registered when the book was skipped started then, not at this first look at it.
                    var since = known && stall.Progress is null ? stall.Since : wallClock;
                    _stalls[portfolioId] = stall = new Stall(since, progress);
                }

                if (wallClock - stall.Since < (long)_options.StallTimeout.TotalMilliseconds)
                {
                    break;
                }
            }

            Emit(portfolioId, book, boundary);
            header.NextBoundary = boundary + _stepMs;
            if (ready)
            {
                // A stall keeps its start time until the portfolio is in step again, so it waits once, not per boundary.
                _stalls.Remove(portfolioId);
                _waitingOnFx.Remove(portfolioId);
            }
        }

        if (header.NextBoundary != startedAt)
        {
            Settle(portfolioId, book);
            _dirtyHeaders.Add(portfolioId);
            if (_live.Watched.Contains(portfolioId))
            {
                MarkLive(portfolioId); // its live P&L now counts from the boundary just closed
            }
        }
    }

    /// <summary>
    /// The oldest bar end that the FX pairs converting the foreign holdings have passed in the records this task
    /// read, or <see cref="long.MaxValue"/> when none is needed: a boundary whose bar this has reached has its rates.
    /// </summary>
    private long FxClosedThrough(Book book)
    {
        var through = long.MaxValue;
        foreach (var id in book.Holdings.Keys)
        {
            if (_market.Reference(id) is { } reference && reference.Currency != book.Header.BaseCurrency
                && FxConversion.Find(reference.Currency, book.Header.BaseCurrency, _fx) is { } conversion)
            {
                foreach (var pair in conversion.Pairs)
                {
                    through = Math.Min(through, _fx.ClosedThrough(pair) ?? long.MinValue);
                }
            }
        }

        return through;
    }

    private void Emit(string portfolioId, Book book, long end)
    {
        var header = book.Header;
        var atEnd = new List<(string Id, HoldingAt State)>(book.Holdings.Count);
        foreach (var (id, holding) in book.Holdings)
        {
            atEnd.Add((id, HoldingValuation.At(holding, _timelines.GetValueOrDefault(id), end)));
        }

        var positions = atEnd
            .Where(h => h.State.Quantity != 0 && h.State.Price is not null)
            .Select(h => new PositionValue(h.Id, h.State.Quantity, h.State.Price!.Value))
            .ToList();
        var set = _scenarioSets.Current;
        var risk = PortfolioRisk.Measure(header.BaseCurrency, end, positions, _market, _fx, set, _options, id => _timelines.GetValueOrDefault(id)?.PriceAt(end));
        if (atEnd.Where(h => h.State.Quantity != 0 && h.State.Price is null && ContractTimelines.IsContract(_market.Reference(h.Id))).Select(h => h.Id).ToList() is { Count: > 0 } unvalued)
        {
            risk = risk with { InstrumentsWithoutHistory = [.. risk.InstrumentsWithoutHistory.Concat(unvalued).Order(StringComparer.Ordinal)] };
        }

        var positionsVersion = atEnd.Count == 0 ? 0 : atEnd.Max(h => h.State.Version);
        var computedAt = _clock.GetUtcNow();
        var cumulativeAtEnd = ByCurrency(header, atEnd);
        if (StartsOpenWindow(end, end + _stepMs))
        {
            header.Snapshots.Add(new PnlSnapshot(end, cumulativeAtEnd));
        }

        foreach (var window in _windows)
        {
            var advance = (long)window.Advance.TotalMilliseconds;
            if (end % advance != 0)
            {
                continue;
            }

            var start = end - (long)window.Size.TotalMilliseconds;
            var cumulativeAtStart = header.Snapshots.Find(s => s.Boundary == start)?.ByCurrency ?? CumulativeAt(book, start);
            var pnl = 0.0;
            foreach (var (currency, atEndValue) in cumulativeAtEnd)
            {
                var change = atEndValue - cumulativeAtStart.GetValueOrDefault(currency);
                if (change != 0 && FxConversion.Find(currency, header.BaseCurrency, _fx)?.RateAt(end) is { } rate)
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
                positionsVersion,
                risk.Inputs));
        }
    }

    /// <summary>Σ cumulative P&amp;L by instrument currency, instruments in id order so the sums repeat bit for bit.</summary>
    private Dictionary<string, double> ByCurrency(PortfolioHeader header, List<(string Id, HoldingAt State)> holdings)
    {
        var sums = new Dictionary<string, double>(header.Retired, StringComparer.Ordinal);
        foreach (var (id, state) in holdings.OrderBy(h => h.Id, StringComparer.Ordinal))
        {
            if (state.CumulativePnl != 0 && _market.Reference(id) is { } reference)
            {
                sums[reference.Currency] = sums.GetValueOrDefault(reference.Currency) + state.CumulativePnl;
            }
        }

        return sums;
    }

    /// <summary>
    /// Windows still to close that start at a boundary in [<paramref name="from"/>, <paramref name="resumeAt"/>), which
    /// the book skips, start from the P&amp;L it had there, taken now while its holdings still reach that far back.
    /// </summary>
    private void SnapshotSkippedStarts(Book book, long from, long resumeAt)
    {
        foreach (var window in _windows)
        {
            var advance = (long)window.Advance.TotalMilliseconds;
            for (var start = CeilTo(Math.Max(from, resumeAt - (long)window.Size.TotalMilliseconds), advance); start < resumeAt; start += advance)
            {
                if (!book.Header.Snapshots.Exists(s => s.Boundary == start))
                {
                    book.Header.Snapshots.Add(new PnlSnapshot(start, CumulativeAt(book, start)));
                }
            }
        }
    }

    /// <summary>True while a window still to close (ending at or after <paramref name="next"/>) starts at <paramref name="boundary"/>.</summary>
    private bool StartsOpenWindow(long boundary, long next)
    {
        foreach (var window in _windows)
        {
            if (boundary % (long)window.Advance.TotalMilliseconds == 0 && boundary + (long)window.Size.TotalMilliseconds >= next)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A window start this book never closed (it began later, or skipped an idle gap).</summary>
    private Dictionary<string, double> CumulativeAt(Book book, long boundary) =>
        ByCurrency(book.Header, book.Holdings.Select(h => (h.Key, HoldingValuation.At(h.Value, _timelines.GetValueOrDefault(h.Key), boundary))).ToList());

    /// <summary>
    /// Folds changes no open window can see before into the anchors, forgets holdings closed out before every open
    /// window began (their P&amp;L moves to <see cref="PortfolioHeader.Retired"/>), and drops old snapshots.
    /// </summary>
    private void Settle(string portfolioId, Book book)
    {
        var header = book.Header;
        var keepFrom = header.NextBoundary - _retainMs;
        header.Snapshots.RemoveAll(s => !StartsOpenWindow(s.Boundary, header.NextBoundary));
        foreach (var (id, holding) in book.Holdings.ToList())
        {
            if (HoldingValuation.Settle(holding, _timelines.GetValueOrDefault(id), keepFrom))
            {
                _dirtyHoldings.Add((portfolioId, id));
            }

            if (holding.Pending.Count == 0 && holding.AnchorQuantity == 0 && holding.AnchorAfter < keepFrom)
            {
                if (holding.AnchorCumulativePnl != 0 && _market.Reference(id) is { } reference)
                {
                    header.Retired[reference.Currency] = header.Retired.GetValueOrDefault(reference.Currency) + holding.AnchorCumulativePnl;
                }

                book.Holdings.Remove(id);
                Holders(id).Remove(portfolioId);
                _dirtyHoldings.Add((portfolioId, id));
            }
        }
    }

    /// <summary>Reads the task's books back from its store once, after Streamiz restored it.</summary>
    private void Load()
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
        var holdings = new List<(string Portfolio, string Instrument, HoldingState State)>();
        using var all = _store.All().GetEnumerator();
        while (all.MoveNext())
        {
            var (key, bytes) = (all.Current.Key, all.Current.Value);
            if (key.StartsWith(HeaderPrefix, StringComparison.Ordinal))
            {
                _books[key[HeaderPrefix.Length..]] = new Book(Read(bytes, PipelineJsonContext.Default.PortfolioHeader));
            }
            else if (key.StartsWith(TimelinePrefix, StringComparison.Ordinal))
            {
                _timelines[key[TimelinePrefix.Length..]] = Read(bytes, PipelineJsonContext.Default.BoundaryTimeline);
            }
            else if (key.StartsWith(HoldingPrefix, StringComparison.Ordinal))
            {
                var separator = key.LastIndexOf('|');
                holdings.Add((key[HoldingPrefix.Length..separator], key[(separator + 1)..], Read(bytes, PipelineJsonContext.Default.HoldingState)));
            }
        }

        foreach (var (portfolio, instrument, state) in holdings)
        {
            if (_books.TryGetValue(portfolio, out var book))
            {
                book.Holdings[instrument] = state;
                Holders(instrument).Add(portfolio);
                if (ContractTimelines.IsContract(_market.Reference(instrument)))
                {
                    _contracts.Track(instrument);
                }
            }
        }
    }

    /// <summary>Writes what changed to the store; true when anything was written.</summary>
    private bool Flush()
    {
        var changed = _dirtyHeaders.Count + _dirtyHoldings.Count + _dirtyTimelines.Count > 0;
        foreach (var portfolioId in _dirtyHeaders)
        {
            if (_books.TryGetValue(portfolioId, out var book))
            {
                _store.Put(HeaderPrefix + portfolioId, JsonSerializer.SerializeToUtf8Bytes(book.Header, PipelineJsonContext.Default.PortfolioHeader));
            }
        }

        foreach (var (portfolioId, instrumentId) in _dirtyHoldings)
        {
            var key = HoldingKey(portfolioId, instrumentId);
            if (_books.TryGetValue(portfolioId, out var book) && book.Holdings.TryGetValue(instrumentId, out var holding))
            {
                _store.Put(key, JsonSerializer.SerializeToUtf8Bytes(holding, PipelineJsonContext.Default.HoldingState));
            }
            else
            {
                _store.Delete(key);
            }
        }

        foreach (var instrumentId in _dirtyTimelines)
        {
            _store.Put(TimelinePrefix + instrumentId, JsonSerializer.SerializeToUtf8Bytes(_timelines[instrumentId], PipelineJsonContext.Default.BoundaryTimeline));
        }

        _dirtyHeaders.Clear();
        _dirtyHoldings.Clear();
        _dirtyTimelines.Clear();
        return changed;
    }

    private HashSet<string> Holders(string instrumentId)
    {
        if (!_holders.TryGetValue(instrumentId, out var holders))
        {
            _holders[instrumentId] = holders = new HashSet<string>(StringComparer.Ordinal);
        }

        return holders;
    }

    private static T Read<T>(byte[] bytes, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(bytes, type) ?? throw new InvalidDataException($"Empty {typeof(T).Name} in the portfolio store.");

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    internal static string HoldingKey(string portfolioId, string instrumentId) => HoldingPrefix + portfolioId + "|" + instrumentId;

    internal static long CeilTo(long time, long step) => (long)Math.Ceiling((double)time / step) * step;

    /// <summary>A portfolio as the task holds it in memory: its header and its holdings by instrument.</summary>
    private sealed class Book(PortfolioHeader header)
    {
        public PortfolioHeader Header { get; } = header;

        public Dictionary<string, HoldingState> Holdings { get; } = new(StringComparer.Ordinal);

        /// <summary>The instrument furthest behind when the book was last looked at (memory only).</summary>
        public string? BlockedBy { get; set; }
    }

    /// <summary>When a portfolio began waiting for a window, and what it waited on then (null: not looked at yet).</summary>
    private readonly record struct Stall(long Since, StallProgress? Progress);

    /// <summary>What a waiting window depends on: the slowest held instrument, holdings without a price, FX bar finality.</summary>
    private readonly record struct StallProgress(long Watermark, int Unpriced, long FxClosedThrough);
}
