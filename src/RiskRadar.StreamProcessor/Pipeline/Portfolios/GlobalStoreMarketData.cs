using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.State;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>
/// Instrument master data and recent closes from the topology's global tables. Each read of a global store
/// deserialises its value, and closing one boundary for the holders of an instrument reads the same few records for
/// every book, so reads are remembered until <see cref="NewPass"/> (called once per record or punctuation). A value
/// read a moment ago is safe for finals: a book waits until an FX pair is final through the boundary, and a final
/// close is the same in every later copy.
/// </summary>
internal sealed class GlobalStoreMarketData(ProcessorContext context) : IMarketData
{
    private readonly Dictionary<string, InstrumentReference?> _referenceReads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InstrumentScenario?> _scenarioReads = new(StringComparer.Ordinal);
    private Func<string, InstrumentReference?>? _references;
    private Func<string, InstrumentScenario?>? _scenarios;

    public InstrumentReference? Reference(string instrumentId)
    {
        if (!_referenceReads.TryGetValue(instrumentId, out var reference))
        {
            _referenceReads[instrumentId] = reference = (_references ??= Reader<InstrumentReference>(TopicCatalog.Stores.InstrumentReferences))(instrumentId);
        }

        return reference;
    }

    public InstrumentScenario? Scenario(string instrumentId)
    {
        if (!_scenarioReads.TryGetValue(instrumentId, out var scenario))
        {
            _scenarioReads[instrumentId] = scenario = (_scenarios ??= Reader<InstrumentScenario>(TopicCatalog.Stores.InstrumentScenarios))(instrumentId);
        }

        return scenario;
    }

    /// <summary>Forgets what was read, so the next reads see the global tables as they are now.</summary>
    public void NewPass()
    {
        _referenceReads.Clear();
        _scenarioReads.Clear();
    }

    private Func<string, T?> Reader<T>(string storeName)
        where T : class =>
        context.GetStateStore(storeName) switch
        {
            IReadOnlyKeyValueStore<string, ValueAndTimestamp<T>> timestamped => key => timestamped.Get(key)?.Value,
            IReadOnlyKeyValueStore<string, T> plain => key => plain.Get(key),
            var other => throw new InvalidOperationException($"Global store '{storeName}' is {other?.GetType().Name ?? "missing"}, not a key-value store of {typeof(T).Name}."),
        };
}
