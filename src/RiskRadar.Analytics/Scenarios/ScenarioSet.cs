namespace RiskRadar.Analytics.Scenarios;

/// <summary>
/// An immutable daily scenario set: the return of every instrument of the universe on each of the set's dates
/// (rows, oldest first), the one input the streaming engine and the on-demand path share. A return is NaN where the
/// instrument has none (see <see cref="ScenarioSetParameters.MaxFillDays"/>); <see cref="Observed"/> tells a close
/// that was really there from one carried forward, which is what decides the rows a book uses. Held instrument-major
/// (each instrument's rows contiguous): a book reads a few columns of thousands, and a column is one sequential run.
/// </summary>
public sealed class ScenarioSet
{
    private readonly double[] _returns;
    private readonly bool[] _observed;
    private readonly double[] _lastClose;
    private readonly DateOnly[] _lastCloseDate;
    private readonly Dictionary<string, int> _columns;
    private readonly int _rows;

    internal ScenarioSet(
        string id,
        string fingerprint,
        ScenarioSetParameters parameters,
        IReadOnlyList<string> instruments,
        DateOnly[] dates,
        double[] returns,
        bool[] observed,
        double[] lastClose,
        DateOnly[] lastCloseDate)
    {
        Id = id;
        Fingerprint = fingerprint;
        Parameters = parameters;
        Instruments = [.. instruments];
        Dates = dates;
        _rows = dates.Length;
        _returns = returns;
        _observed = observed;
        _lastClose = lastClose;
        _lastCloseDate = lastCloseDate;
        _columns = new Dictionary<string, int>(instruments.Count, StringComparer.Ordinal);
        for (var i = 0; i < instruments.Count; i++)
        {
            _columns[instruments[i]] = i;
        }
    }

    /// <summary>Like <c>daily-20261127-500d-simple-3f9a0c1b2d4e</c>: as-of date, lookback, return kind and the start of the fingerprint.</summary>
    public string Id { get; }

    /// <summary>SHA-256 (hex) of the parameters and of every close the set was built from.</summary>
    public string Fingerprint { get; }

    public ScenarioSetParameters Parameters { get; }

    public ReturnKind Kind => Parameters.Kind;

    public int Lookback => Parameters.Lookback;

    public IReadOnlyList<string> Instruments { get; }

    /// <summary>The date each return row ends on (its close's date), ascending.</summary>
    public IReadOnlyList<DateOnly> Dates { get; }

    public int Rows => _rows;

    /// <summary>The newest date of the history the set was built from.</summary>
    public DateOnly AsOf => Dates.Count > 0 ? Dates[^1] : default;

    public int IndexOf(string instrumentId) => _columns.TryGetValue(instrumentId, out var i) ? i : -1;

    public double Return(int t, int i) => _returns[(i * _rows) + t];

    public bool Observed(int t, int i) => _observed[(i * _rows) + t];

    /// <summary>Every row's return of instrument <paramref name="i"/>, oldest first.</summary>
    public ReadOnlySpan<double> ReturnColumn(int i) => _returns.AsSpan(i * _rows, _rows);

    /// <summary>The instrument's last close in the history, and its date.</summary>
    public (double Close, DateOnly Day) LastClose(int i) => (_lastClose[i], _lastCloseDate[i]);

    /// <summary>Instrument-major: instrument × row.</summary>
    internal ReadOnlySpan<double> ReturnValues => _returns;

    internal ReadOnlySpan<bool> ObservedValues => _observed;

    internal ReadOnlySpan<double> LastCloses => _lastClose;

    internal ReadOnlySpan<DateOnly> LastCloseDates => _lastCloseDate;
}
