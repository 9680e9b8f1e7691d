namespace RiskRadar.Analytics.Risk;

/// <summary>
/// The holdings of many portfolios over one instrument universe, as compressed sparse rows: portfolio <c>p</c> holds
/// the columns <c>Columns[Offsets[p] .. Offsets[p + 1])</c> with the base-currency exposures at the same places. A
/// book of 20 positions among 5,000 instruments is 20 entries, not a dense row of 5,000.
/// </summary>
public readonly record struct SparseBooks(ReadOnlyMemory<int> Offsets, ReadOnlyMemory<int> Columns, ReadOnlyMemory<double> Exposures)
{
    public int Count => Math.Max(0, Offsets.Length - 1);

    /// <summary>Throws unless the offsets start at 0, never decrease and end at the number of entries.</summary>
    public void Validate()
    {
        ReadOnlySpan<int> offsets = Offsets.Span;
        if (offsets.Length < 1 || offsets[0] != 0 || offsets[^1] != Columns.Length || Columns.Length != Exposures.Length)
        {
            throw new ArgumentException(
                $"Sparse books need offsets from 0 to the entry count ({Columns.Length} columns, {Exposures.Length} exposures); got {offsets.Length} offsets.",
                nameof(Offsets));
        }

        for (int p = 1; p < offsets.Length; p++)
        {
            if (offsets[p] < offsets[p - 1])
            {
                throw new ArgumentException($"Offsets decrease at portfolio {p - 1}.", nameof(Offsets));
            }
        }
    }
}
