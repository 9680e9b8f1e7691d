using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.State;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>Instrument master data and scenario histories from the topology's global tables.</summary>
internal sealed class GlobalStoreMarketData(ProcessorContext context) : IMarketData
{
    private Func<string, InstrumentReference?>? _references;
    private Func<string, InstrumentScenario?>? _scenarios;

    public InstrumentReference? Reference(string instrumentId) =>
        (_references ??= Reader<InstrumentReference>(TopicCatalog.Stores.InstrumentReferences))(instrumentId);

    public InstrumentScenario? Scenario(string instrumentId) =>
        (_scenarios ??= Reader<InstrumentScenario>(TopicCatalog.Stores.InstrumentScenarios))(instrumentId);

    private Func<string, T?> Reader<T>(string storeName)
        where T : class =>
        context.GetStateStore(storeName) switch
        {
            IReadOnlyKeyValueStore<string, ValueAndTimestamp<T>> timestamped => key => timestamped.Get(key)?.Value,
            IReadOnlyKeyValueStore<string, T> plain => key => plain.Get(key),
            var other => throw new InvalidOperationException($"Global store '{storeName}' is {other?.GetType().Name ?? "missing"}, not a key-value store of {typeof(T).Name}."),
        };
}
