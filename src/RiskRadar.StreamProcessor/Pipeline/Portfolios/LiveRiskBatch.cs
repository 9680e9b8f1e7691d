using System.Runtime.InteropServices;
using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Scenarios;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>
/// The provisional refresh's risk: many books revalued at once with the sparse batch kernel, each as indices into a
/// matrix of base-currency return series plus its exposures. A book's rows and columns (<see cref="BookReturns.Select"/>,
/// the costly part) are worked out once per scenario set and set of holdings, not on every price move; books whose
/// rows are the same (most equity books share the trading days, books with crypto every day) share one matrix.
/// </summary>
/// <remarks>
/// The P&amp;L of a book is bit for bit the window path's (<see cref="PortfolioRisk.Measure"/>): the same series,
/// gathered in the same instrument-id order, summed by the same kernel, measured by <see cref="BookValuation.Complete"/>.
/// Single-threaded: it runs on the book task's stream thread, whose core the other stream threads need.
/// </remarks>
internal sealed class LiveRiskBatch
{
    private readonly Dictionary<string, Layout> _layouts = new(StringComparer.Ordinal);
    private readonly Dictionary<int[], RowGroup> _groups = new(RowsComparer.Instance);
    private ScenarioSet? _set;

    /// <summary>Books held in the cache, for tests and the memory figure.</summary>
    public int Layouts => _layouts.Count;

    /// <summary>Drops a book's layout (it holds nothing any more, or left the task).</summary>
    public void Forget(string portfolioId) => _layouts.Remove(portfolioId);

    /// <summary>Risk of each book, in the order given.</summary>
    public PortfolioRisk[] Measure(IReadOnlyList<(string PortfolioId, string BaseCurrency, BookValuation Valuation)> books, ScenarioSet? set, PipelineOptions options)
    {
        if (!ReferenceEquals(set, _set))
        {
            _layouts.Clear();
            _groups.Clear();
            _set = set;
        }

        var results = new PortfolioRisk[books.Count];
        var layouts = new Layout?[books.Count];
        for (var b = 0; b < books.Count; b++)
        {
            var (portfolioId, baseCurrency, valuation) = books[b];
            if (set is null || valuation.Columns.Count == 0)
            {
                _layouts.Remove(portfolioId);
                results[b] = valuation.Complete([], null, options);
                continue;
            }

            layouts[b] = LayoutOf(portfolioId, baseCurrency, valuation.Columns, set, options);
        }

        foreach (var group in layouts.Where(l => l?.Group is not null).GroupBy(l => l!.Group!))
        {
            Compute(group.Key, books, layouts, results, options);
        }

        for (var b = 0; b < books.Count; b++)
        {
            if (layouts[b] is { Group: null } layout)
            {
                results[b] = books[b].Valuation.Complete(layout.WithoutHistory, null, options);
            }
        }

        return results;
    }

    private static void Compute(RowGroup group, IReadOnlyList<(string PortfolioId, string BaseCurrency, BookValuation Valuation)> books, Layout?[] layouts, PortfolioRisk[] results, PipelineOptions options)
    {
        var members = new List<int>();
        var offsets = new List<int> { 0 };
        var columns = new List<int>();
        var exposures = new List<double[]>();
        for (var b = 0; b < layouts.Length; b++)
        {
            if (layouts[b] is { } layout && ReferenceEquals(layout.Group, group))
            {
                members.Add(b);
                var values = books[b].Valuation.ExposuresOf(layout.Included);
                exposures.Add(values);
                columns.AddRange(layout.Columns);
                offsets.Add(columns.Count);
            }
        }

        var batch = group.Batch();
        var pnl = new double[members.Count * batch.Scenarios];
        batch.ComputePnl(
            new SparseBooks(offsets.ToArray(), columns.ToArray(), exposures.SelectMany(e => e).ToArray()), pnl, maxDegreeOfParallelism: 1);
        for (var m = 0; m < members.Count; m++)
        {
            var b = members[m];
            var layout = layouts[b]!;
            var own = pnl.AsSpan(m * batch.Scenarios, batch.Scenarios).ToArray();
            results[b] = books[b].Valuation.Complete(layout.WithoutHistory, new BookPnl(layout.Included, exposures[m], own), options);
        }
    }

    private Layout LayoutOf(string portfolioId, string baseCurrency, List<BookInstrument> candidates, ScenarioSet set, PipelineOptions options)
    {
        if (_layouts.TryGetValue(portfolioId, out var known) && known.Matches(baseCurrency, candidates))
        {
            return known;
        }

        var book = BookReturns.Select(set, candidates, set.Lookback);
        Layout layout;
        if (book.Returns is not { } returns || returns.Observations < options.MinScenarios)
        {
            layout = new Layout(baseCurrency, [.. candidates], null, [], [], book.WithoutHistory);
        }
        else
        {
            var rows = book.Rows.ToArray();
            if (!_groups.TryGetValue(rows, out var group))
            {
                _groups[rows] = group = new RowGroup(rows.Length);
            }

            var columns = new int[book.Included.Count];
            for (var j = 0; j < columns.Length; j++)
            {
                columns[j] = group.ColumnOf(book.Included[j], returns.Series(j));
            }

            layout = new Layout(baseCurrency, [.. candidates], group, book.Included, columns, book.WithoutHistory);
        }

        _layouts[portfolioId] = layout;
        return layout;
    }

    /// <summary>Where a book's series sit: the instruments it was laid out for, its row group and its columns there.</summary>
    private sealed record Layout(
        string BaseCurrency, BookInstrument[] Candidates, RowGroup? Group, IReadOnlyList<BookInstrument> Included, int[] Columns, IReadOnlyList<string> WithoutHistory)
    {
        public bool Matches(string baseCurrency, List<BookInstrument> candidates)
        {
            if (!string.Equals(baseCurrency, BaseCurrency, StringComparison.Ordinal) || candidates.Count != Candidates.Length)
            {
                return false;
            }

            for (var i = 0; i < Candidates.Length; i++)
            {
                var (now, then) = (candidates[i], Candidates[i]);
                if (!string.Equals(now.InstrumentId, then.InstrumentId, StringComparison.Ordinal) || now.Column != then.Column || !now.Fx.SequenceEqual(then.Fx))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// The base-currency series, on these rows, of every instrument and FX conversion some book holds; the batch over
    /// them is rebuilt when a book brings a new one (rare once the books are laid out).
    /// </summary>
    private sealed class RowGroup(int scenarios)
    {
        private readonly Dictionary<(int Column, int Legs, FxLeg First, FxLeg Second), int> _columns = [];
        private readonly List<double> _values = [];
        private HistoricalBatch? _batch;

        public int ColumnOf(BookInstrument instrument, ReadOnlySpan<double> series)
        {
            // The series is the set's column converted through its legs (at most two): those identify it, not the name.
            var key = (instrument.Column, instrument.Fx.Count, instrument.Fx.ElementAtOrDefault(0), instrument.Fx.ElementAtOrDefault(1));
            if (instrument.Fx.Count > 2)
            {
                throw new ArgumentException($"{instrument.InstrumentId} converts through {instrument.Fx.Count} FX legs; at most two are expected.", nameof(instrument));
            }

            if (!_columns.TryGetValue(key, out var column))
            {
                _columns[key] = column = _columns.Count;
                _values.AddRange(series);
                _batch = null;
            }

            return column;
        }

        public HistoricalBatch Batch() => _batch ??= HistoricalBatch.FromInstrumentMajor(CollectionsMarshal.AsSpan(_values), scenarios);
    }

    private sealed class RowsComparer : IEqualityComparer<int[]>
    {
        public static readonly RowsComparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] rows)
        {
            var hash = new HashCode();
            hash.Add(rows.Length);
            foreach (var row in rows)
            {
                hash.Add(row);
            }

            return hash.ToHashCode();
        }
    }
}
