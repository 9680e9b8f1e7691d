using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.State;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>Instrument master data from the topology's global table.</summary>
internal sealed class GlobalStoreMarketData(ProcessorContext context) : IMarketData
{
    private Func<string, InstrumentReference?>? _references;

    public InstrumentReference? Reference(string instrumentId) =>
        (_references ??= Reader<InstrumentReference>(TopicCatalog.Stores.InstrumentReferences))(instrumentId);

    public IReadOnlyList<InstrumentReference> Factors()
    {
        List<InstrumentReference> factors = [];
        switch (context.GetStateStore(TopicCatalog.Stores.InstrumentReferences))
        {
            case IReadOnlyKeyValueStore<string, ValueAndTimestamp<InstrumentReference>> timestamped:
                factors.AddRange(timestamped.All().Select(kv => kv.Value?.Value).OfType<InstrumentReference>().Where(IsFactor));
                break;
            case IReadOnlyKeyValueStore<string, InstrumentReference> plain:
                factors.AddRange(plain.All().Select(kv => kv.Value).OfType<InstrumentReference>().Where(IsFactor));
                break;
        }

        return factors;
    }

    private static bool IsFactor(InstrumentReference reference) => reference.Kind is InstrumentKinds.Rate or InstrumentKinds.Volatility;

    private Func<string, T?> Reader<T>(string storeName)
        where T : class =>
        context.GetStateStore(storeName) switch
        {
            IReadOnlyKeyValueStore<string, ValueAndTimestamp<T>> timestamped => key => timestamped.Get(key)?.Value,
            IReadOnlyKeyValueStore<string, T> plain => key => plain.Get(key),
            var other => throw new InvalidOperationException($"Global store '{storeName}' is {other?.GetType().Name ?? "missing"}, not a key-value store of {typeof(T).Name}."),
        };
}
