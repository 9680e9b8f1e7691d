using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>
/// Remembers reads of the global tables until <see cref="NewPass"/> (once per record or punctuation of the book
/// task): each read of a global store deserialises its value, and closing one boundary for the holders of an
/// instrument reads the same few records for every book. A value read a moment ago is safe for finals: a book waits
/// until an FX pair is final through the boundary, and a final close is the same in every later copy.
/// </summary>
internal sealed class PassMemoMarketData(IMarketData inner) : IMarketData
{
    private readonly Dictionary<string, InstrumentReference?> _references = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InstrumentScenario?> _scenarios = new(StringComparer.Ordinal);

    public InstrumentReference? Reference(string instrumentId)
    {
        if (!_references.TryGetValue(instrumentId, out var reference))
        {
            _references[instrumentId] = reference = inner.Reference(instrumentId);
        }

        return reference;
    }

    public InstrumentScenario? Scenario(string instrumentId)
    {
        if (!_scenarios.TryGetValue(instrumentId, out var scenario))
        {
            _scenarios[instrumentId] = scenario = inner.Scenario(instrumentId);
        }

        return scenario;
    }

    /// <summary>Forgets what was read, so the next reads see the global tables as they are now.</summary>
    public void NewPass()
    {
        _references.Clear();
        _scenarios.Clear();
    }
}
