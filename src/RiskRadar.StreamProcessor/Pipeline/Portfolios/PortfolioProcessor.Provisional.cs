using System.Diagnostics;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>Provisional risk: the books' figures between window ends, from the live prices the instrument tasks send.</summary>
public sealed partial class PortfolioProcessor
{
    private static readonly Dictionary<string, InstrumentReference> NoReferences = [];
    private static readonly Dictionary<string, (double Price, long Time)> NoFxPrices = [];

    /// <summary>Books per batch at most: enough to amortise the batch, few enough to stop near the budget.</summary>
    private const int MaxBatch = 256;

    /// <summary>What one book's figure has cost so far (moving average), to size the next batch to the time left.</summary>
    private long _perBookTicks;

    /// <summary>
    /// Memory only: the books holding an instrument whose price moved are recomputed at the next refresh. A price the
    /// task already has (the instrument tasks' periodic resend) marks nothing.
    /// </summary>
    private void OnLivePrices(LivePrices prices)
    {
        for (var i = 0; i < prices.InstrumentIds.Length; i++)
        {
            var id = prices.InstrumentIds[i];
            if (!_livePrices.TryGetValue(id, out var known) || known.Time < prices.Times[i]
                || (known.Time == prices.Times[i] && known.Price != prices.Prices[i]))
            {
                _livePrices[id] = (prices.Prices[i], prices.Times[i]);
                if (_holders.TryGetValue(id, out var holders))
                {
                    foreach (var portfolioId in holders)
                    {
                        MarkLive(portfolioId);
                    }
                }

                // A contract's value moves with its factors' prices.
                foreach (var contractId in _contracts.IsFactor(id) ? _contracts.Affected(id) : [])
                {
                    foreach (var portfolioId in _holders.GetValueOrDefault(contractId) ?? [])
                    {
                        MarkLive(portfolioId);
                    }
                }
            }
        }
    }

    /// <summary>Queues the book for the next refresh, once, in the order its prices first moved.</summary>
    private void MarkLive(string portfolioId)
    {
        if (_liveDirty.Add(portfolioId))
        {
            _liveQueue.Enqueue(portfolioId);
        }
    }

    /// <summary>
    /// Provisional risk of the books whose prices or positions moved since their last figure: each holding's latest
    /// quantity at its newest price, FX pairs at theirs, revalued over the current scenario set exactly as a window
    /// end is, many books at a time (<see cref="LiveRiskBatch"/>). P&amp;L is since the last closed boundary (the
    /// cumulative P&amp;L kept for it).
    /// </summary>
    /// <remarks>
    /// At most <see cref="PipelineOptions.LiveBudget"/> of stream-thread time per refresh period, shared by the
    /// thread's book tasks (<see cref="ThreadLiveBudget"/>), oldest change first: when
    /// the books move faster than that allows, their figures come less often, while final windows keep their pace.
    /// Books are taken in batches sized by what one book cost so far, so a batch does not run far past the budget.
    /// </remarks>
    private void PublishProvisional()
    {
        if (!_loaded)
        {
            return;
        }

        if (_live.Generation != _watchedGeneration)
        {
            // Books that became watched get a figure and a layout now, whether or not their prices moved.
            _watchedGeneration = _live.Generation;
            foreach (var portfolioId in _live.Watched)
            {
                if (_books.ContainsKey(portfolioId))
                {
                    MarkLive(portfolioId);
                }
            }
        }

        if (_liveQueue.Count == 0)
        {
            return;
        }

        _market.NewPass();
        var started = Stopwatch.GetTimestamp();
        var budget = ThreadLiveBudget.For(_options);
        var available = budget.Left(started, _options);
        var figures = new List<ProvisionalRisk>();
        var watched = new List<(LiveBook, ProvisionalRisk)>();
        var set = _scenarioSets.Current;
        do
        {
            // At least one book per refresh, so a budget smaller than one book's figure (or spent by the thread's
            // other book tasks) still makes progress.
            var left = available - Stopwatch.GetElapsedTime(started);
            var size = _perBookTicks <= 0 ? 1 : (int)Math.Clamp(left.Ticks / _perBookTicks, 1, MaxBatch);
            var batchStarted = Stopwatch.GetTimestamp();
            var inputs = new List<LiveInputs>(size);
            while (inputs.Count < size && _liveQueue.TryDequeue(out var portfolioId))
            {
                _liveDirty.Remove(portfolioId);
                if (_books.TryGetValue(portfolioId, out var book) && Prepare(portfolioId, book, set) is { } input)
                {
                    inputs.Add(input);
                }
                else
                {
                    _liveRisk.Forget(portfolioId); // closed out or gone: nothing to lay out any more
                }
            }

            var risks = _liveRisk.Measure([.. inputs.Select(i => (i.PortfolioId, i.Layout.BaseCurrency, i.HoldsContracts ? BookValuation.Of(i.Layout.BaseCurrency, 0, [], _market, _liveFx, null) : i.Value.Valuation))], set, _options);
            for (var b = 0; b < inputs.Count; b++)
            {
                if (inputs[b].HoldsContracts && set is not null)
                {
                    risks[b] = ContractRisk(inputs[b], set);
                }
            }

            for (var b = 0; b < inputs.Count; b++)
            {
                var figure = inputs[b].Layout.Figure(inputs[b].Value, risks[b], set, _clock.GetUtcNow());
                if (inputs[b].Watched)
                {
                    watched.Add((inputs[b].Layout, figure));
                }
                else
                {
                    figures.Add(figure);
                }
            }

            if (inputs.Count > 0)
            {
                var perBook = Stopwatch.GetElapsedTime(batchStarted).Ticks / inputs.Count;
                _perBookTicks = _perBookTicks <= 0 ? perBook : ((3 * _perBookTicks) + perBook) / 4;
            }
        }
        while (_liveQueue.Count > 0 && Stopwatch.GetElapsedTime(started) < available);

        budget.Spend(Stopwatch.GetElapsedTime(started));
        _provisional.Publish(figures);
        if (watched.Count > 0)
        {
            _live.Refreshed(watched); // the live value engine publishes these, at prices newer than the task's when it has them
        }
    }

    /// <summary>
    /// A book's latest quantities at its newest prices, valued: the layout (<see cref="LiveBook"/>) is what the live
    /// value engine values again at newer prices when somebody watches the book, so both value it the same way.
    /// </summary>
    private LiveInputs? Prepare(string portfolioId, Book book, ScenarioSet? set)
    {
        // Decided once: the set can change meanwhile, and only a layout made for the engine may go there. The live
        // value engine values spot holdings only: a book holding contracts gets its figures at the refreshes.
        var contracts = book.Holdings.Keys.Any(id => ContractTimelines.IsContract(_market.Reference(id)));
        var watched = !contracts && _live.Watched.Contains(portfolioId);
        var layout = Layout(portfolioId, book, forEngine: watched);
        return layout.Value(h => h.Live, _liveFx, _market, set, Now()) is { } value ? new LiveInputs(layout, value, watched, contracts) : null;
    }

    /// <summary>
    /// A book holding contracts, measured as a multi-asset book at the newest prices of its instruments and factors
    /// (the last boundary's where none came since), as a window end measures it at the boundary's.
    /// </summary>
    private PortfolioRisk ContractRisk(LiveInputs input, ScenarioSet set)
    {
        var positions = input.Layout.Holdings.Where(h => h.Quantity != 0).Select(h => new PositionValue(h.InstrumentId, h.Quantity, h.Price ?? 0)).ToList();
        return ContractBookRisk.Measure(input.Layout.BaseCurrency, input.Value.AsOf, positions, _market, set,
            id => _livePrices.TryGetValue(id, out var live) ? live.Price : _timelines.GetValueOrDefault(id) is { } timeline ? timeline.PriceAt(timeline.Through) : null,
            _options);
    }

    /// <param name="forEngine">
    /// The layout leaves this thread for the live value engine: it then carries its own references, FX prices and P&amp;L
    /// base. Otherwise it is valued here at once, against the task's own, and those are not copied on every refresh.
    /// </param>
    private LiveBook Layout(string portfolioId, Book book, bool forEngine)
    {
        var header = book.Header;
        var holdings = new List<LiveHolding>(book.Holdings.Count);
        var references = forEngine ? new Dictionary<string, InstrumentReference>(StringComparer.Ordinal) : NoReferences;
        var fxPrices = forEngine ? new Dictionary<string, (double Price, long Time)>(StringComparer.Ordinal) : NoFxPrices;
        long version = 0;
        foreach (var (id, holding) in book.Holdings.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var state = HoldingValuation.Latest(holding, _timelines.GetValueOrDefault(id));
            version = Math.Max(version, state.Version);
            holdings.Add(new LiveHolding(id, state.Quantity, state.CumulativePnl, state.Price, _livePrices.TryGetValue(id, out var live) ? live : null));
            if (!forEngine || _market.Reference(id) is not { } reference)
            {
                continue;
            }

            references[id] = reference;
            if (FxConversion.Find(reference.Currency, header.BaseCurrency, _liveFx) is { } conversion)
            {
                foreach (var pair in conversion.Pairs)
                {
                    if (_liveFx.PriceOf(pair) is { } price)
                    {
                        fxPrices[pair] = price;
                    }
                }
            }
        }

        // Retired P&L in a currency no holding is in any more still converts at its pair's rate.
        foreach (var currency in header.Retired.Keys)
        {
            foreach (var pair in forEngine ? FxConversion.Find(currency, header.BaseCurrency, _liveFx)?.Pairs ?? [] : [])
            {
                if (_liveFx.PriceOf(pair) is { } price)
                {
                    fxPrices[pair] = price;
                }
            }
        }

        var lastClosed = header.Snapshots.MaxBy(s => s.Boundary); // the last boundary closed (a skip can add older starts after it)
        return new LiveBook(
            portfolioId, header.TenantId, header.BaseCurrency, version, holdings,
            forEngine ? new Dictionary<string, double>(header.Retired, StringComparer.Ordinal) : header.Retired, lastClosed, references, fxPrices);
    }

    /// <summary>What one book's provisional figure is made of before its risk is measured with the others'.</summary>
    /// <param name="Watched">The book is watched: its figure and layout go to the live value engine.</param>
    /// <param name="HoldsContracts">Its risk is measured as a multi-asset book (<see cref="ContractRisk"/>), not in the batch.</param>
    private sealed record LiveInputs(LiveBook Layout, LiveValue Value, bool Watched, bool HoldsContracts)
    {
        public string PortfolioId => Layout.PortfolioId;
    }
}
