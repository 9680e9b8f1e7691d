namespace RiskRadar.Analytics.Risk;

/// <summary>
/// Simple returns r[t,i] = P[t,i]/P[t−1,i] − 1, stored row-major (observations × instruments), oldest first.
/// Immutable: the buffer is copied in and exposed read-only. A matrix gathered from a scenario set's columns is
/// held instrument-major instead (that is how it is read and how the P&amp;L kernel wants it); the row-major form is
/// then made on first use.
/// </summary>
public sealed class ReturnMatrix
{
    private double[]? _values;
    private double[]? _instrumentMajor;

    public ReturnMatrix(IReadOnlyList<string> instruments, int observations, ReadOnlySpan<double> rowMajorReturns)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        if (instruments.Count < 1)
        {
            throw new ArgumentException("At least one instrument is required.", nameof(instruments));
        }

        if (new HashSet<string>(instruments, StringComparer.Ordinal).Count != instruments.Count)
        {
            throw new ArgumentException("Instrument names must be unique.", nameof(instruments));
        }

        Guard.MinObservations(observations, 1, nameof(observations));
        Guard.Length(rowMajorReturns.Length, observations * instruments.Count, nameof(rowMajorReturns));
        Guard.Finite(rowMajorReturns, nameof(rowMajorReturns));
        Instruments = [.. instruments];
        Observations = observations;
        _values = rowMajorReturns.ToArray();
    }

    private ReturnMatrix(double[] instrumentMajorReturns, string[] instruments, int observations)
    {
        Instruments = instruments;
        Observations = observations;
        _instrumentMajor = instrumentMajorReturns;
    }

    /// <summary>
    /// Takes ownership of an instrument-major buffer (instruments × observations) without copying or checking it:
    /// for the hot path, whose caller built it from finite returns of distinct instruments.
    /// </summary>
    internal static ReturnMatrix OwningInstrumentMajor(string[] instruments, int observations, double[] instrumentMajorReturns) =>
        new(instrumentMajorReturns, instruments, observations);

    public IReadOnlyList<string> Instruments { get; }

    public int Count => Instruments.Count;

    public int Observations { get; }

    /// <summary>Row-major observations × instruments.</summary>
    public ReadOnlySpan<double> Values => RowMajor();

    public ReadOnlySpan<double> Row(int t) => RowMajor().AsSpan(t * Count, Count);

    public double this[int t, int i] => RowMajor()[(t * Count) + i];

    /// <summary>Instrument <paramref name="i"/>'s returns, oldest first.</summary>
    public ReadOnlySpan<double> Series(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Count);
        return InstrumentMajor.Slice(i * Observations, Observations);
    }

    /// <summary>Instruments × observations: each instrument's returns contiguous.</summary>
    internal ReadOnlySpan<double> InstrumentMajor => _instrumentMajor ??= Swap(_values!, Observations, Count);

    /// <summary>Builds returns from prices P[t,i] (row-major, (T+1) × m, ascending in time); every price must be positive.</summary>
    public static ReturnMatrix FromPrices(IReadOnlyList<string> instruments, ReadOnlySpan<double> rowMajorPrices)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        int m = instruments.Count;
        if (m < 1 || rowMajorPrices.Length % m != 0)
        {
            throw new ArgumentException($"Price matrix of {rowMajorPrices.Length} values does not divide into {m} instruments.", nameof(rowMajorPrices));
        }

        int rows = rowMajorPrices.Length / m;
        if (rows < 2)
        {
            throw new ArgumentException($"At least two price rows are required to form a return; got {rows}.", nameof(rowMajorPrices));
        }

        for (int k = 0; k < rowMajorPrices.Length; k++)
        {
            double p = rowMajorPrices[k];
            if (!(p > 0.0) || !double.IsFinite(p))
            {
                throw new ArgumentException($"Price of {instruments[k % m]} at row {k / m} must be positive and finite; got {p}.", nameof(rowMajorPrices));
            }
        }

        double[] r = new double[(rows - 1) * m];
        for (int t = 1; t < rows; t++)
        {
            for (int i = 0; i < m; i++)
            {
                r[((t - 1) * m) + i] = (rowMajorPrices[(t * m) + i] / rowMajorPrices[((t - 1) * m) + i]) - 1.0;
            }
        }

        return new ReturnMatrix(instruments, rows - 1, r);
    }

    /// <summary>The same returns with the instruments reordered (or subset) by name.</summary>
    public ReturnMatrix Select(IReadOnlyList<string> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        int[] index = new int[instruments.Count];
        for (int j = 0; j < index.Length; j++)
        {
            int found = -1;
            for (int i = 0; i < Count; i++)
            {
                if (string.Equals(Instruments[i], instruments[j], StringComparison.Ordinal))
                {
                    found = i;
                    break;
                }
            }

            index[j] = found >= 0 ? found : throw new ArgumentException($"Unknown instrument '{instruments[j]}'.", nameof(instruments));
        }

        double[] r = new double[Observations * index.Length];
        for (int t = 0; t < Observations; t++)
        {
            for (int j = 0; j < index.Length; j++)
            {
                r[(t * index.Length) + j] = this[t, index[j]];
            }
        }

        return new ReturnMatrix(instruments, Observations, r);
    }

    /// <summary>Instrument-major copy (instruments × observations) for kernels that stream one instrument at a time.</summary>
    public double[] Transpose() => InstrumentMajor.ToArray();

    // Two threads may both build it; they build the same array, and either one is kept.
    private double[] RowMajor() => _values ??= Swap(_instrumentMajor!, Count, Observations);

    /// <summary>A rows × columns row-major buffer as columns × rows.</summary>
    private static double[] Swap(double[] values, int rows, int columns)
    {
        double[] swapped = new double[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                swapped[(c * rows) + r] = values[(r * columns) + c];
            }
        }

        return swapped;
    }
}
