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
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(instruments);
        Guard.Horizon(days, nameof(days));
        Guard.Length(exposures.Length, instruments.Count, nameof(exposures));
        var rows = BookReturns.Available(set, instruments).Rows;
        var best = -1;
        var worst = double.PositiveInfinity;
        var gross = new double[instruments.Count];
        // The window starts after a book row, whose close is the base of its first move.
        for (var start = 1; start + days <= rows.Count; start++)
        {
            Array.Fill(gross, 1.0);
            for (var r = start; r < start + days; r++)
            {
                for (var k = 0; k < instruments.Count; k++)
                {
                    gross[k] *= Gross(set, instruments[k], rows[r]);
                }
            }

            var pnl = 0.0;
            for (var k = 0; k < instruments.Count; k++)
            {
                pnl += exposures[k] * (gross[k] - 1.0);
            }

            if (pnl < worst)
            {
                (worst, best) = (pnl, start);
            }
        }

        if (best < 0)
        {
            return null;
        }

        var moves = new double[instruments.Count];
        Array.Fill(moves, 1.0);
        for (var r = best; r < best + days; r++)
        {
            for (var k = 0; k < instruments.Count; k++)
            {
                moves[k] *= Gross(set, instruments[k], rows[r]);
            }
        }

        return new HistoricalPeriod(set.Dates[rows[best - 1]], set.Dates[rows[best + days - 1]], [.. moves.Select(g => g - 1.0)]);
    }

    // Log sets hold log returns; a period's move is still a price ratio.
    private static double Gross(ScenarioSet set, BookInstrument instrument, int t)
    {
        var g = BookReturns.Gross(set, instrument, t);
        return set.Kind == ReturnKind.Log ? Math.Exp(g) : g;
    }
}
