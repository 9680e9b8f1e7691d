using System.Diagnostics;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>Provisional risk: the books' figures between window ends, from the live prices the instrument tasks send.</summary>
public sealed partial class PortfolioProcessor
{
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
        if (!_loaded || _liveQueue.Count == 0)
        {
            return;
        }

        _market.NewPass();
        var started = Stopwatch.GetTimestamp();
        var budget = ThreadLiveBudget.For(_options);
        var available = budget.Left(started, _options);
        var figures = new List<ProvisionalRisk>();
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

            var risks = _liveRisk.Measure([.. inputs.Select(i => (i.PortfolioId, i.Book.Header.BaseCurrency, i.Valuation))], set, _options);
            for (var b = 0; b < inputs.Count; b++)
            {
                figures.Add(Figure(inputs[b], risks[b], set));
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
    }

    /// <summary>A book's latest quantities at its newest prices, valued, and the P&amp;L per currency behind its figure.</summary>
    private LiveInputs? Prepare(string portfolioId, Book book, ScenarioSet? set)
    {
        var header = book.Header;
        var positions = new List<PositionValue>(book.Holdings.Count);
        var cumulative = new Dictionary<string, double>(header.Retired, StringComparer.Ordinal);
        long asOf = long.MinValue, version = 0;
        foreach (var (id, holding) in book.Holdings.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var state = HoldingValuation.Latest(holding, _timelines.GetValueOrDefault(id));
            version = Math.Max(version, state.Version);
            var price = state.Price;
            var pnl = state.CumulativePnl;
            if (_livePrices.TryGetValue(id, out var live))
            {
                pnl += price is { } known ? state.Quantity * (live.Price - known) : 0;
                price = live.Price;
                asOf = Math.Max(asOf, live.Time);
            }

            if (pnl != 0 && _market.Reference(id) is { } reference)
            {
                cumulative[reference.Currency] = cumulative.GetValueOrDefault(reference.Currency) + pnl;
            }

            if (state.Quantity != 0 && price is { } valued)
            {
                positions.Add(new PositionValue(id, state.Quantity, valued));
            }
        }

        if (positions.Count == 0)
        {
            return null;
        }

        var now = asOf == long.MinValue ? Now() : asOf;
        var valuation = BookValuation.Of(header.BaseCurrency, now, positions, _market, _liveFx, set);
        return new LiveInputs(portfolioId, book, now, version, cumulative, valuation);
    }

    private ProvisionalRisk Figure(LiveInputs input, PortfolioRisk risk, ScenarioSet? set)
    {
        var header = input.Book.Header;
        var now = input.Now;
        var last = header.Snapshots.MaxBy(s => s.Boundary); // the last boundary closed (a skip can add older starts after it)
        var windowPnl = 0.0;
        foreach (var (currency, value) in input.Cumulative)
        {
            var change = value - (last?.ByCurrency.GetValueOrDefault(currency) ?? 0);
            if (change != 0 && FxConversion.Find(currency, header.BaseCurrency, _liveFx)?.RateAt(now) is { } rate)
            {
                windowPnl += change * rate;
            }
        }

        return new ProvisionalRisk(
            input.PortfolioId,
            header.TenantId,
            header.BaseCurrency,
            DateTimeOffset.FromUnixTimeMilliseconds(now),
            risk.MarketValue,
            last is null ? 0 : windowPnl,
            last is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(last.Boundary),
            risk.GrossExposure,
            risk.NetExposure,
            risk.ExposureByAssetClass,
            Finite(risk.At95?.ValueAtRisk),
            Finite(risk.At99?.ValueAtRisk),
            Finite(risk.At975?.ExpectedShortfall),
            Finite(risk.Ratios?.Volatility),
            risk.Scenarios,
            risk.Positions,
            risk.InstrumentsWithoutHistory,
            _clock.GetUtcNow(),
            set?.Id,
            input.Version);
    }

    /// <summary>What one book's provisional figure is made of before its risk is measured with the others'.</summary>
    private sealed record LiveInputs(
        string PortfolioId, Book Book, long Now, long Version, Dictionary<string, double> Cumulative, BookValuation Valuation);
}
