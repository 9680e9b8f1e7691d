using System.Diagnostics.CodeAnalysis;
using RiskRadar.Contracts.Events;
using RiskRadar.Ingestion.Validation;

namespace RiskRadar.Ingestion.Instruments;

/// <summary>An immutable snapshot of the instrument master, by id and by symbol.</summary>
public sealed class InstrumentLookup : IInstrumentResolver
{
    private readonly Dictionary<string, InstrumentReference> _byId;
    private readonly Dictionary<string, InstrumentReference> _bySymbol;

    public InstrumentLookup(IEnumerable<InstrumentReference> instruments)
    {
        _byId = new(StringComparer.Ordinal);
        _bySymbol = new(StringComparer.Ordinal);
        foreach (var instrument in instruments)
        {
            _byId[instrument.InstrumentId] = instrument;
            _bySymbol[instrument.Symbol] = instrument;
        }
    }

    public static InstrumentLookup Empty { get; } = new([]);

    public IReadOnlyCollection<InstrumentReference> All => _byId.Values;

    public int Count => _byId.Count;

    // Ids first: an id that happens to equal another instrument's symbol still means the id.
    public bool TryResolve(string idOrSymbol, [NotNullWhen(true)] out InstrumentReference? instrument) =>
        _byId.TryGetValue(idOrSymbol, out instrument) || _bySymbol.TryGetValue(idOrSymbol, out instrument);
}
