namespace RiskRadar.Analytics.Scenarios;

/// <summary>
/// Daily closes of several instruments on the union of their dates: row-major dates × instruments, oldest first,
/// with <see cref="double.NaN"/> where an instrument has no close that day (a holiday, a weekend, not yet listed).
/// </summary>
public sealed class DailyHistory
{
    private readonly double[] _closes;

    public DailyHistory(IReadOnlyList<string> instruments, IReadOnlyList<DateOnly> dates, double[] rowMajorCloses)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(rowMajorCloses);
        Guard.Length(rowMajorCloses.Length, instruments.Count * dates.Count, nameof(rowMajorCloses));
        for (var t = 1; t < dates.Count; t++)
        {
            if (dates[t] <= dates[t - 1])
            {
                throw new ArgumentException($"Dates must be strictly ascending; {dates[t]} follows {dates[t - 1]}.", nameof(dates));
            }
        }

        foreach (var close in rowMajorCloses)
        {
            if (!double.IsNaN(close) && !(close > 0 && double.IsFinite(close)))
            {
                throw new ArgumentException($"Every close must be positive and finite (or NaN for none); got {close}.", nameof(rowMajorCloses));
            }
        }

        Instruments = [.. instruments];
        Dates = [.. dates];
        _closes = rowMajorCloses;
    }

    public IReadOnlyList<string> Instruments { get; }

    public IReadOnlyList<DateOnly> Dates { get; }

    public double Close(int t, int i) => _closes[(t * Instruments.Count) + i];

    /// <summary>Lays out (instrument, day, close) rows; a repeated (instrument, day) keeps the last close given.</summary>
    public static DailyHistory FromRows(IEnumerable<(string InstrumentId, DateOnly Day, double Close)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows as IReadOnlyCollection<(string InstrumentId, DateOnly Day, double Close)> ?? [.. rows];
        // Ordinal order of instruments and ascending dates make the layout, and so the set's fingerprint, independent
        // of the order the rows arrived in.
        string[] instruments = [.. list.Select(r => r.InstrumentId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        DateOnly[] dates = [.. list.Select(r => r.Day).Distinct().Order()];
        var column = new Dictionary<string, int>(instruments.Length, StringComparer.Ordinal);
        for (var i = 0; i < instruments.Length; i++)
        {
            column[instruments[i]] = i;
        }

        var row = new Dictionary<DateOnly, int>(dates.Length);
        for (var t = 0; t < dates.Length; t++)
        {
            row[dates[t]] = t;
        }

        var closes = new double[instruments.Length * dates.Length];
        Array.Fill(closes, double.NaN);
        foreach (var (id, day, close) in list)
        {
            closes[(row[day] * instruments.Length) + column[id]] = close;
        }

        return new DailyHistory(instruments, dates, closes);
    }
}
