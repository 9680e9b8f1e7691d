using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>
/// Remembers reads of the global table until <see cref="NewPass"/> (once per record or punctuation of the book
/// task): each read of a global store deserialises its value, and closing one boundary for the holders of an
/// instrument reads the same few references for every book.
/// </summary>
internal sealed class PassMemoMarketData(IMarketData inner) : IMarketData
{
    private readonly Dictionary<string, InstrumentReference?> _references = new(StringComparer.Ordinal);
    private IReadOnlyList<InstrumentReference>? _factors;

    public InstrumentReference? Reference(string instrumentId)
    {
        if (!_references.TryGetValue(instrumentId, out var reference))
        {
            _references[instrumentId] = reference = inner.Reference(instrumentId);
        }

        return reference;
    }

    public IReadOnlyList<InstrumentReference> Factors() => _factors ??= inner.Factors();

    /// <summary>Forgets what was read, so the next reads see the global tables as they are now.</summary>
    public void NewPass()
    {
        _references.Clear();
        _factors = null;
    }
}
