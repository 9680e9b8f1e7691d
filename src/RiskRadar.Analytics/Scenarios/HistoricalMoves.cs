namespace RiskRadar.Analytics.Scenarios;

/// <summary>A historical period replayed on today's book: each instrument's cumulative base-currency move over it.</summary>
/// <param name="From">The day whose closes the moves start from.</param>
/// <param name="To">The day whose closes they end at.</param>
/// <param name="Moves">Per instrument (in the order given), P[to]/P[from] − 1 in the base currency; NaN where it has no history over the period.</param>
public sealed record HistoricalPeriod(DateOnly From, DateOnly To, IReadOnlyList<double> Moves);

/// <summary>Historical stress scenarios from a scenario set: a given period, or the book's worst run of days.</summary>
public static class HistoricalMoves
{
    /// <summary>The moves from the close of <paramref name="from"/> to the close of <paramref name="to"/> (rows dated after from, up to to).</summary>
    /// <returns>Null when no row of the set lies in the period.</returns>
    public static HistoricalPeriod? Between(ScenarioSet set, IReadOnlyList<BookInstrument> instruments, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(instruments);
        var gross = new double[instruments.Count];
        Array.Fill(gross, 1.0);
        var any = false;
        for (var t = 0; t < set.Rows; t++)
        {
            if (set.Dates[t] <= from || set.Dates[t] > to)
            {
                continue;
            }

            any = true;
            for (var k = 0; k < instruments.Count; k++)
            {
                gross[k] *= Gross(set, instruments[k], t);
            }
        }

        return any ? new HistoricalPeriod(from, to, [.. gross.Select(g => g - 1.0)]) : null;
    }

    /// <summary>
    /// The run of <paramref name="days"/> consecutive book rows (the rows of <see cref="BookReturns.Available"/>) over
    /// which the book with <paramref name="exposures"/> lost most, the earliest on a tie.
    /// </summary>
    /// <returns>Null when the available history is not longer than <paramref name="days"/>.</returns>
    public static HistoricalPeriod? Worst(ScenarioSet set, IReadOnlyList<BookInstrument> instruments, ReadOnlySpan<double> exposures, int days)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        Guard.Length(exposures.Length, instruments.Count, nameof(exposures));
        var windows = Windows(set, instruments, days);
        HistoricalPeriod? worstPeriod = null;
        var worst = double.PositiveInfinity;
        foreach (var window in windows)
        {
            var pnl = 0.0;
            for (var k = 0; k < exposures.Length; k++)
            {
                pnl += exposures[k] * window.Moves[k];
            }

            if (pnl < worst)
            {
                (worst, worstPeriod) = (pnl, window);
            }
        }

        return worstPeriod;
    }

    /// <summary>
    /// Every run of <paramref name="days"/> consecutive book rows (the rows of <see cref="BookReturns.Available"/>),
    /// oldest first, with each instrument's compounded move over it: what a book that is not linear in them is
    /// revalued under to find its worst run.
    /// </summary>
    public static IReadOnlyList<HistoricalPeriod> Windows(ScenarioSet set, IReadOnlyList<BookInstrument> instruments, int days)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(instruments);
        Guard.Horizon(days, nameof(days));
        var rows = BookReturns.Available(set, instruments).Rows;
        var windows = new List<HistoricalPeriod>(Math.Max(0, rows.Count - days));
        // The window starts after a book row, whose close is the base of its first move.
        for (var start = 1; start + days <= rows.Count; start++)
        {
            var gross = new double[instruments.Count];
            Array.Fill(gross, 1.0);
            for (var r = start; r < start + days; r++)
            {
                for (var k = 0; k < instruments.Count; k++)
                {
                    gross[k] *= Gross(set, instruments[k], rows[r]);
                }
            }

            for (var k = 0; k < gross.Length; k++)
            {
                gross[k] -= 1.0;
            }

            windows.Add(new HistoricalPeriod(set.Dates[rows[start - 1]], set.Dates[rows[start + days - 1]], gross));
        }

        return windows;
    }

    // Log sets hold log returns; a period's move is still a price ratio.
    private static double Gross(ScenarioSet set, BookInstrument instrument, int t)
    {
        var g = BookReturns.Gross(set, instrument, t);
        return set.Kind == ReturnKind.Log ? Math.Exp(g) : g;
    }
}
