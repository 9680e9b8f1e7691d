using System.Text.Json.Serialization;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>
/// The boundaries one instrument's stream has crossed, as this book task read them, with the price at each; kept back
/// to the oldest boundary one of the task's portfolios can still ask for. Stored under <c>t|{instrument}</c>.
/// </summary>
public sealed class BoundaryTimeline
{
    /// <summary>Runs of boundaries, oldest first, each with the price that stood at all of them.</summary>
    public List<InstrumentBoundary> Entries { get; set; } = [];

    /// <summary>The instrument's first ever price (<see cref="InstrumentBoundary.Opening"/>), kept when its record is pruned.</summary>
    public double? FirstPrice { get; set; }

    /// <summary>The boundary of the instrument's first record; its first tick came right after it.</summary>
    public long FirstThrough { get; set; } = long.MaxValue;

    /// <summary>True once the instrument's first record arrived (it has a price from then on).</summary>
    [JsonIgnore] // derived from the entries; not stored
    public bool Priced => FirstThrough < long.MaxValue;

    /// <summary>The latest boundary crossed (Unix ms), or <see cref="long.MinValue"/> before the first.</summary>
    [JsonIgnore]
    public long Through => Entries.Count == 0 ? long.MinValue : Entries[^1].Through;

    /// <returns>False when the record is one this timeline already has (a redelivery).</returns>
    public bool Add(InstrumentBoundary boundary)
    {
        if (boundary.Through <= Through)
        {
            return false;
        }

        Entries.Add(boundary);
        if (boundary.From == long.MinValue)
        {
            (FirstPrice, FirstThrough) = (boundary.Opening, boundary.Through);
        }

        return true;
    }

    /// <summary>
    /// The entry in force at <paramref name="boundary"/> (the first run ending at or after it), or null when the
    /// stream has not crossed it yet.
    /// </summary>
    public InstrumentBoundary? At(long boundary)
    {
        // Most lookups are for recent boundaries: search from the newest end.
        InstrumentBoundary? found = null;
        for (var i = Entries.Count - 1; i >= 0 && Entries[i].Through >= boundary; i--)
        {
            found = Entries[i];
        }

        return found;
    }

    /// <summary>
    /// The price that stood at <paramref name="boundary"/>: the last one before it in the instrument's stream; null
    /// when the stream has not crossed it yet or had no price before it.
    /// </summary>
    public double? PriceAt(long boundary) =>
        At(boundary) is not { } entry ? null
        : entry.Price ?? (boundary > FirstThrough ? FirstPrice : null);

    [JsonIgnore]
    public InstrumentBoundary? Latest => Entries.Count == 0 ? null : Entries[^1];

    /// <summary>Drops runs that end before <paramref name="keepFrom"/>, always keeping the latest.</summary>
    /// <returns>True when something was dropped.</returns>
    public bool Prune(long keepFrom)
    {
        var drop = 0;
        while (drop < Entries.Count - 1 && Entries[drop].Through < keepFrom)
        {
            drop++;
        }

        Entries.RemoveRange(0, drop);
        return drop > 0;
    }
}
