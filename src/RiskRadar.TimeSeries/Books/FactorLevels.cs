using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Instruments;

namespace RiskRadar.TimeSeries.Books;

/// <summary>A curve pillar with its level: the zero rate behind its zero-coupon price.</summary>
internal sealed record Pillar(string InstrumentId, string Tenor, double Years, double Rate);

/// <summary>A surface node with its level, the implied volatility.</summary>
internal sealed record SurfaceNode(string InstrumentId, double Years, double Moneyness, double Level);

/// <summary>
/// The market factors of the master (curve pillars, surface nodes) and every instrument's level now, as the caller
/// reads it (a live tick, a given price, a boundary price, the scenario set's last close). Factors found to have no
/// history on a book's rows are dropped, and the curves and surfaces are then made of the others.
/// </summary>
internal sealed class FactorLevels(IReadOnlyDictionary<string, InstrumentReference> references, Func<string, double?> level)
{
    private readonly HashSet<string> _dropped = new(StringComparer.Ordinal);

    // A book asks for the same few curves and surfaces once per position and again to value it: the master's factors
    // are grouped once, and each answer kept until a factor is dropped.
    private readonly Dictionary<string, IReadOnlyList<Pillar>?> _curves = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<SurfaceNode>?> _surfaces = new(StringComparer.Ordinal);
    private ILookup<string, InstrumentReference>? _pillarsByCurve;
    private ILookup<string, InstrumentReference>? _nodesByUnderlying;

    public void Drop(IEnumerable<string> ids)
    {
        _dropped.UnionWith(ids);
        _curves.Clear();
        _surfaces.Clear();
    }

    public bool IsDropped(string id) => _dropped.Contains(id);

    public double? Level(string id) => level(id) is { } given && given > 0 && double.IsFinite(given) ? given : null;

    /// <summary>The curve's pillars that have a level, by tenor (the first id of two at one tenor); null when none.</summary>
    public IReadOnlyList<Pillar>? Curve(string curve)
    {
        if (_curves.TryGetValue(curve, out var known))
        {
            return known;
        }

        _pillarsByCurve ??= Factors(InstrumentKinds.Rate).ToLookup(f => f.Rate!.Curve, StringComparer.Ordinal);
        List<Pillar> pillars = [];
        foreach (var factor in _pillarsByCurve[curve].Where(f => !_dropped.Contains(f.InstrumentId)))
        {
            if (Tenors.TryYears(factor.Rate!.Tenor, out var years) && Level(factor.InstrumentId) is { } price)
            {
                pillars.Add(new Pillar(factor.InstrumentId, factor.Rate.Tenor, years, ZeroCouponQuotes.Rate(price, years)));
            }
        }

        return _curves[curve] = pillars.Count == 0 ? null : [.. pillars.GroupBy(p => p.Years).Select(g => g.First()).OrderBy(p => p.Years)];
    }

    /// <summary>The underlying's surface nodes that have a level; null when none.</summary>
    public IReadOnlyList<SurfaceNode>? Surface(string underlying)
    {
        if (_surfaces.TryGetValue(underlying, out var known))
        {
            return known;
        }

        _nodesByUnderlying ??= Factors(InstrumentKinds.Volatility).ToLookup(f => f.Volatility!.Underlying, StringComparer.Ordinal);
        List<SurfaceNode> nodes = [];
        foreach (var factor in _nodesByUnderlying[underlying].Where(f => !_dropped.Contains(f.InstrumentId)))
        {
            if (Tenors.TryYears(factor.Volatility!.Tenor, out var years) && factor.Volatility.Moneyness > 0 && Level(factor.InstrumentId) is { } sigma)
            {
                nodes.Add(new SurfaceNode(factor.InstrumentId, years, factor.Volatility.Moneyness, sigma));
            }
        }

        return _surfaces[underlying] = nodes.Count == 0 ? null : [.. nodes.GroupBy(n => (n.Years, n.Moneyness)).Select(g => g.First())];
    }

    /// <summary>The master's factors of a kind, in id order (so a book's curves and surfaces come out the same everywhere).</summary>
    private IEnumerable<InstrumentReference> Factors(string kind) =>
        references.Values
            .Where(r => r.Kind == kind && (r.Rate is not null || r.Volatility is not null))
            .OrderBy(r => r.InstrumentId, StringComparer.Ordinal);
}
