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
            var rows = new List<int>(Math.Min(lookback, set.Rows));
            HashSet<BookInstrument>? missing = null;
            for (var t = set.Rows - 1; t >= 0 && rows.Count < lookback; t--)
            {
                if (!AnyObserved(set, kept, t))
                {
                    continue;
                }

                foreach (var instrument in kept)
                {
                    if (double.IsNaN(Gross(set, instrument, t)))
                    {
                        (missing ??= []).Add(instrument);
                    }
                }

                rows.Add(t);
            }

            if (missing is null)
            {
                rows.Reverse();
                return Create(set, [.. rows], kept, without);
            }

            without.AddRange(missing.Select(i => i.InstrumentId));
            kept.RemoveAll(missing.Contains);
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
        var rows = new List<int>();
        for (var t = set.Rows - 1; t >= 0; t--)
        {
            if (!AnyObserved(set, instruments, t))
            {
                continue;
            }

            if (instruments.Any(i => double.IsNaN(Gross(set, i, t))))
            {
                break;
            }

            rows.Add(t);
        }

        rows.Reverse();
        return Create(set, [.. rows], instruments, []);
    }

    private static BookReturns Create(ScenarioSet set, int[] rows, IReadOnlyList<BookInstrument> kept, IReadOnlyList<string> without)
    {
        if (rows.Length == 0 || kept.Count == 0)
        {
            return new BookReturns(null, rows, kept, without);
        }

        var values = new double[rows.Length * kept.Count];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var k = 0; k < kept.Count; k++)
            {
                var gross = Gross(set, kept[k], rows[r]);
                values[(r * kept.Count) + k] = set.Kind == ReturnKind.Log ? gross : gross - 1.0;
            }
        }

        return new BookReturns(new ReturnMatrix([.. kept.Select(i => i.InstrumentId)], rows.Length, values), rows, kept, without);
    }

    private static bool AnyObserved(ScenarioSet set, IReadOnlyList<BookInstrument> instruments, int t)
    {
        foreach (var instrument in instruments)
        {
            if (set.Observed(t, instrument.Column))
            {
                return true;
            }

            foreach (var leg in instrument.Fx)
            {
                if (set.Observed(t, leg.Column))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The base-currency gross return (simple kind) or log return (log kind); NaN when a leg has none.</summary>
    internal static double Gross(ScenarioSet set, BookInstrument instrument, int t)
    {
        var own = set.Return(t, instrument.Column);
        if (set.Kind == ReturnKind.Log)
        {
            foreach (var leg in instrument.Fx)
            {
                var r = set.Return(t, leg.Column);
                own += leg.Inverse ? -r : r;
            }

            return own;
        }

        var gross = 1.0 + own;
        foreach (var leg in instrument.Fx)
        {
            var fx = 1.0 + set.Return(t, leg.Column);
            gross *= leg.Inverse ? 1.0 / fx : fx;
        }

        return gross;
    }
}
