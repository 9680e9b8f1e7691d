using System.Buffers;
using System.Numerics.Tensors;

using RiskRadar.Analytics.Risk;

namespace RiskRadar.Analytics.Scenarios;

/// <summary>
/// A book's base-currency returns taken from a scenario set, and the rule that picks its rows, the same in every
/// path: a row counts when at least one of the book's risk factors (its instruments and the FX pairs converting
/// them) has an observed close on it (so an equity book skips weekends and exchange holidays, and a book with crypto
/// keeps them, its equities unchanged on those days; a foreign listing's holiday still moves its FX rate);
/// the newest <c>lookback</c> such rows are used. An instrument that has no return (even carried forward) on one of
/// them is left out of the book as without history, and the rows are chosen again without it.
/// </summary>
public sealed class BookReturns
{
    private BookReturns(ReturnMatrix? returns, int[] rows, IReadOnlyList<BookInstrument> included, IReadOnlyList<string> withoutHistory)
    {
        Returns = returns;
        Rows = rows;
        Included = included;
        WithoutHistory = withoutHistory;
    }

    /// <summary>Rows × included instruments, oldest first; null when no row qualifies.</summary>
    public ReturnMatrix? Returns { get; }

    /// <summary>The set's row index of each return row.</summary>
    public IReadOnlyList<int> Rows { get; }

    public IReadOnlyList<BookInstrument> Included { get; }

    public IReadOnlyList<string> WithoutHistory { get; }

    /// <summary>The newest <paramref name="lookback"/> qualifying rows.</summary>
    public static BookReturns Select(ScenarioSet set, IReadOnlyList<BookInstrument> instruments, int lookback)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(instruments);
        Guard.MinObservations(lookback, 1, nameof(lookback));
        var without = new List<string>();
        var kept = new List<BookInstrument>();
        foreach (var instrument in instruments)
        {
            if (instrument.Column < 0 || instrument.Fx.Any(l => l.Column < 0))
            {
                without.Add(instrument.InstrumentId);
            }
            else
            {
                kept.Add(instrument);
            }
        }

        while (true)
        {
            var factors = new Factors(kept);
            var capacity = Math.Min(lookback, set.Rows);
            var picked = new int[capacity];
            var found = 0;
            for (var t = set.Rows - 1; t >= 0 && found < capacity; t--)
            {
                if (factors.AnyObserved(set, t))
                {
                    picked[capacity - ++found] = t;
                }
            }

            var rows = found == capacity ? picked : picked[(capacity - found)..];
            var k = kept.Count;
            // Every element is written by Fill: zeroing 80 KB first cost as much as the rest of a 20-position book.
            var values = GC.AllocateUninitializedArray<double>(rows.Length * k);
            bool[]? missing = null;
            for (var j = 0; j < k; j++)
            {
                if (!factors.Fill(set, j, rows, values.AsSpan(j * rows.Length, rows.Length)))
                {
                    (missing ??= new bool[k])[j] = true;
                }
            }

            if (missing is null)
            {
                return Create(values, rows, kept, without);
            }

            var stillKept = new List<BookInstrument>(k);
            for (var j = 0; j < k; j++)
            {
                if (missing[j])
                {
                    without.Add(kept[j].InstrumentId);
                }
                else
                {
                    stillKept.Add(kept[j]);
                }
            }

            kept = stillKept;
        }
    }

    /// <summary>
    /// Every qualifying row back to the first on which one of <paramref name="instruments"/> has no return: the whole
    /// history the book can be revalued over, for a stressed window.
    /// </summary>
    public static BookReturns Available(ScenarioSet set, IReadOnlyList<BookInstrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(instruments);
        var factors = new Factors(instruments);
        var newestFirst = new List<int>();
        for (var t = set.Rows - 1; t >= 0; t--)
        {
            if (!factors.AnyObserved(set, t))
            {
                continue;
            }

            for (var j = 0; j < instruments.Count; j++)
            {
                if (double.IsNaN(factors.Gross(set, j, t)))
                {
                    return Fill(set, factors, [.. Enumerable.Reverse(newestFirst)], instruments);
                }
            }

            newestFirst.Add(t);
        }

        return Fill(set, factors, [.. Enumerable.Reverse(newestFirst)], instruments);
    }

    private static BookReturns Fill(ScenarioSet set, Factors factors, int[] rows, IReadOnlyList<BookInstrument> instruments)
    {
        var values = new double[rows.Length * instruments.Count];
        for (var j = 0; j < instruments.Count; j++)
        {
            factors.Fill(set, j, rows, values.AsSpan(j * rows.Length, rows.Length));
        }

        return Create(values, rows, instruments, []);
    }

    private static BookReturns Create(double[] values, int[] rows, IReadOnlyList<BookInstrument> kept, IReadOnlyList<string> without)
    {
        if (rows.Length == 0 || kept.Count == 0)
        {
            return new BookReturns(null, rows, kept, without);
        }

        var ids = new string[kept.Count];
        for (var j = 0; j < ids.Length; j++)
        {
            ids[j] = kept[j].InstrumentId;
        }

        return new BookReturns(ReturnMatrix.OwningInstrumentMajor(ids, rows.Length, values), rows, kept, without);
    }

    /// <summary>The base-currency gross return (simple kind) or log return (log kind); NaN when a leg has none.</summary>
    internal static double Gross(ScenarioSet set, BookInstrument instrument, int t)
    {
        Span<FxLeg> legs = stackalloc FxLeg[instrument.Fx.Count];
        for (var l = 0; l < legs.Length; l++)
        {
            legs[l] = instrument.Fx[l];
        }

        return Gross(set, t, instrument.Column, legs);
    }

    private static double Gross(ScenarioSet set, int t, int column, ReadOnlySpan<FxLeg> legs)
    {
        var own = set.Return(t, column);
        if (set.Kind == ReturnKind.Log)
        {
            foreach (var leg in legs)
            {
                var r = set.Return(t, leg.Column);
                own += leg.Inverse ? -r : r;
            }

            return own;
        }

        var gross = 1.0 + own;
        foreach (var leg in legs)
        {
            var rate = 1.0 + set.Return(t, leg.Column);
            gross = leg.Inverse ? gross / rate : gross * rate;
        }

        return gross;
    }

    /// <summary>
    /// A book's risk factors flattened into arrays once, so the row loop reads columns by index without enumerating
    /// each instrument's legs (an enumerator per instrument per row was most of the on-demand cost).
    /// </summary>
    private readonly struct Factors
    {
        private readonly int[] _own;
        private readonly int[] _legStart;
        private readonly FxLeg[] _legs;
        private readonly int[] _distinct;

        public Factors(IReadOnlyList<BookInstrument> instruments)
        {
            _own = new int[instruments.Count];
            _legStart = new int[instruments.Count + 1];
            var legs = new List<FxLeg>();
            var distinct = new HashSet<int>();
            for (var j = 0; j < instruments.Count; j++)
            {
                _own[j] = instruments[j].Column;
                distinct.Add(instruments[j].Column);
                _legStart[j] = legs.Count;
                foreach (var leg in instruments[j].Fx)
                {
                    legs.Add(leg);
                    distinct.Add(leg.Column);
                }
            }

            _legStart[instruments.Count] = legs.Count;
            _legs = [.. legs];
            _distinct = [.. distinct];
        }

        public bool AnyObserved(ScenarioSet set, int t)
        {
            foreach (var column in _distinct)
            {
                if (set.Observed(t, column))
                {
                    return true;
                }
            }

            return false;
        }

        public double Gross(ScenarioSet set, int j, int t) =>
            BookReturns.Gross(set, t, _own[j], _legs.AsSpan(_legStart[j], _legStart[j + 1] - _legStart[j]));

        /// <summary>
        /// Writes instrument <paramref name="j"/>'s base-currency return on each of <paramref name="rows"/> into
        /// <paramref name="destination"/>; false when one is missing. Whole columns at a time: a book's rows are
        /// mostly one contiguous run of the set, so this is a copy and a few vector operations per factor.
        /// </summary>
        public bool Fill(ScenarioSet set, int j, ReadOnlySpan<int> rows, Span<double> destination)
        {
            Gather(set.ReturnColumn(_own[j]), rows, destination);
            var legs = _legs.AsSpan(_legStart[j], _legStart[j + 1] - _legStart[j]);
            if (!legs.IsEmpty)
            {
                var buffer = ArrayPool<double>.Shared.Rent(rows.Length);
                try
                {
                    var leg = buffer.AsSpan(0, rows.Length);
                    Combine(set, rows, legs, destination, leg);
                }
                finally
                {
                    ArrayPool<double>.Shared.Return(buffer);
                }
            }

            return !TensorPrimitives.IsNaNAny<double>(destination);
        }

        /// <summary>Converts the own returns in <paramref name="values"/> to the base currency, as <see cref="BookReturns.Gross(ScenarioSet, int, int, ReadOnlySpan{FxLeg})"/> does one row.</summary>
        private static void Combine(ScenarioSet set, ReadOnlySpan<int> rows, ReadOnlySpan<FxLeg> legs, Span<double> values, Span<double> leg)
        {
            if (set.Kind == ReturnKind.Log)
            {
                foreach (var fx in legs)
                {
                    Gather(set.ReturnColumn(fx.Column), rows, leg);
                    if (fx.Inverse)
                    {
                        TensorPrimitives.Subtract(values, leg, values);
                    }
                    else
                    {
                        TensorPrimitives.Add(values, leg, values);
                    }
                }

                return;
            }

            TensorPrimitives.Add(values, 1.0, values);
            foreach (var fx in legs)
            {
                Gather(set.ReturnColumn(fx.Column), rows, leg);
                TensorPrimitives.Add(leg, 1.0, leg);
                if (fx.Inverse)
                {
                    TensorPrimitives.Divide(values, leg, values);
                }
                else
                {
                    TensorPrimitives.Multiply(values, leg, values);
                }
            }

            TensorPrimitives.Subtract(values, 1.0, values);
        }

        private static void Gather(ReadOnlySpan<double> column, ReadOnlySpan<int> rows, Span<double> destination)
        {
            if (rows.IsEmpty)
            {
                return;
            }

            if (rows[^1] - rows[0] == rows.Length - 1)
            {
                column.Slice(rows[0], rows.Length).CopyTo(destination);
                return;
            }

            for (var r = 0; r < rows.Length; r++)
            {
                destination[r] = column[rows[r]];
            }
        }
    }
}
