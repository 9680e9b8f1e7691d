using System.Diagnostics.CodeAnalysis;
using RiskRadar.Contracts.Events;
using RiskRadar.Data.Instruments;
using RiskRadar.Ingestion.Validation;

namespace RiskRadar.Ingestion.Instruments;

/// <summary>
/// The instrument master the validator resolves against: seeded from the universe file into PostgreSQL, then read
/// back from the table so that records operators and the Api add there are used too. Until <see cref="LoadAsync"/>
/// completes nothing resolves; the pipeline waits for <see cref="Loaded"/> before it validates anything.
/// </summary>
public sealed class InstrumentMaster(InstrumentMasterStore store) : IInstrumentResolver
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile InstrumentLookup _current = InstrumentLookup.Empty;

    public InstrumentLookup Current => _current;

    public Task Loaded => _loaded.Task;

    public static IReadOnlyList<InstrumentReference> ToReferences(IEnumerable<InstrumentDefinition> definitions) =>
        [.. definitions.Select(d => new InstrumentReference(d.Id, d.Symbol, d.AssetClass.ToString(), d.Currency, d.PriceScale, d.Kind, Rate: d.Rate, Volatility: d.VolatilityNode))];

    /// <summary>Upserts the seed, reloads the whole table and swaps the lookup; safe to call again to refresh.</summary>
    public async Task<InstrumentLookup> LoadAsync(IReadOnlyCollection<InstrumentReference> seed, CancellationToken cancellationToken)
    {
        await store.EnsureSchemaAsync(cancellationToken);
        await store.UpsertSeedAsync(seed, cancellationToken);
        return await RefreshAsync(cancellationToken);
    }

    /// <summary>Reads the whole table again and swaps the lookup.</summary>
    public async Task<InstrumentLookup> RefreshAsync(CancellationToken cancellationToken)
    {
        var lookup = new InstrumentLookup(await store.ReadAllAsync(cancellationToken));
        _current = lookup;
        _loaded.TrySetResult();
        return lookup;
    }

    /// <summary>Uses a lookup without the database (tests, tools).</summary>
    internal void Use(InstrumentLookup lookup)
    {
        _current = lookup;
        _loaded.TrySetResult();
    }

    public bool TryResolve(string idOrSymbol, [NotNullWhen(true)] out InstrumentReference? instrument) =>
        _current.TryResolve(idOrSymbol, out instrument);
}
