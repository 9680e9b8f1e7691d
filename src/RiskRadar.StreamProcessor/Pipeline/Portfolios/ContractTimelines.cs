using RiskRadar.Contracts.Events;
using RiskRadar.TimeSeries.Books;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>
/// Options, futures and bonds have no ticks of their own: a book task gives each contract its holders hold a timeline
/// of boundaries all the same, made from its factors' (its underlying, the pillars of its curves, the nodes of its
/// underlying's surface: those of them that have crossed a boundary here). When every such factor has passed a
/// boundary the contract's has not, the contract passes it too, at the value <see cref="ContractPricer"/> gives from
/// the prices its factors stood at there, dated that boundary's day: what <see cref="ContractBookRisk"/> values it at
/// for the window ending there. From then on a contract holding is valued, waited for and stalls like any other.
/// </summary>
internal sealed class ContractTimelines(IMarketData market, Func<string, BoundaryTimeline?> timeline, long stepMs)
{
    private readonly Dictionary<string, IReadOnlyList<string>> _factors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _dependents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unvaluable = new(StringComparer.Ordinal);

    public static bool IsContract(InstrumentReference? reference) => InstrumentKinds.IsContract(reference?.Kind);

    /// <summary>
    /// Whether the contract's factors passed a boundary at which it could not be valued (its surface or curve is not
    /// quoted, it expired): then it has no value to wait for, unlike one whose factors have not got there yet.
    /// </summary>
    public bool CannotValue(string contractId) => _unvaluable.Contains(contractId);

    /// <summary>Whether contracts held here are valued on <paramref name="instrumentId"/>: its timeline then keeps the whole catch-up horizon.</summary>
    public bool IsFactor(string instrumentId) => _dependents.ContainsKey(instrumentId);

    /// <summary>Starts following a contract a holding was taken in: the master's instruments it is valued on.</summary>
    public void Track(string contractId)
    {
        if (_factors.ContainsKey(contractId) || market.Reference(contractId) is not { } contract || !IsContract(contract))
        {
            return;
        }

        var factors = FactorsOf(contract);
        _factors[contractId] = factors;
        foreach (var factor in factors)
        {
            if (!_dependents.TryGetValue(factor, out var dependents))
            {
                _dependents[factor] = dependents = new HashSet<string>(StringComparer.Ordinal);
            }

            dependents.Add(contractId);
        }
    }

    /// <summary>The contracts valued on <paramref name="factorId"/>, in id order.</summary>
    public IReadOnlyList<string> Affected(string factorId) =>
        _dependents.TryGetValue(factorId, out var dependents) ? [.. dependents.Order(StringComparer.Ordinal)] : [];

    /// <summary>
    /// The contract's next boundary record: through the oldest boundary all its quoted factors have passed, at its
    /// value there; null when they have not all passed a boundary it has not, or it cannot be valued there.
    /// </summary>
    public InstrumentBoundary? Advance(string contractId)
    {
        if (!_factors.TryGetValue(contractId, out var factors))
        {
            return null;
        }

        if (factors.Count == 0)
        {
            _unvaluable.Add(contractId); // a bond on a curve the master has no pillar of: nothing will ever value it
            return null;
        }

        var through = long.MaxValue;
        foreach (var factor in factors)
        {
            // A factor that never crossed a boundary here (no feed quotes it) is not waited for: the curve or surface
            // is made of the others, as it is for a window valued at these prices.
            if (timeline(factor) is { Through: > long.MinValue } known)
            {
                through = Math.Min(through, known.Through);
            }
        }

        var previous = timeline(contractId)?.Through ?? long.MinValue;
        if (through == long.MaxValue || through <= previous || factors.Any(f => timeline(f) is { Through: > long.MinValue } known && known.PriceAt(through) is null))
        {
            return null; // not there yet, or a factor has no price before it yet (its first tick came after it)
        }

        var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(through).UtcDateTime);
        var (price, _) = ContractPricer.UnitPrice(contractId, market.ValuationReferences([contractId]), id => timeline(id)?.PriceAt(through), day);
        if (price is null)
        {
            _unvaluable.Add(contractId);
            return null;
        }

        _unvaluable.Remove(contractId);
        var first = previous == long.MinValue;
        return new InstrumentBoundary(contractId, first ? long.MinValue : previous + stepMs, through, price, through, first ? price : null);
    }

    /// <summary>The underlying, every pillar of the curves and every node of the surface the contract is valued on.</summary>
    private List<string> FactorsOf(InstrumentReference contract)
    {
        var underlying = contract.Option?.Underlying ?? contract.Future?.Underlying;
        HashSet<string> curves = new(StringComparer.Ordinal) { contract.Bond?.Curve ?? contract.Currency };
        if ((contract.Option is { DividendYield: null } option ? option.DividendCurve : contract.Future is { CarryYield: null } future ? future.CarryCurve : null) is { } yieldCurve)
        {
            curves.Add(yieldCurve);
        }

        List<string> factors = underlying is null ? [] : [underlying];
        foreach (var factor in market.Factors())
        {
            if ((factor.Rate is { } rate && curves.Contains(rate.Curve)) || (contract.Option is not null && factor.Volatility?.Underlying == underlying))
            {
                factors.Add(factor.InstrumentId);
            }
        }

        return factors;
    }

}
