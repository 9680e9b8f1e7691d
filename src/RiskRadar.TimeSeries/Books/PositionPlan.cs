using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;

namespace RiskRadar.TimeSeries.Books;

/// <summary>
/// What one position needs to be valued and revalued: its underlying, the curve it is discounted on, the curve its
/// dividend or carry yield is read from, its time to expiry, and the scenario-set columns whose moves reach it
/// (underlying, surface nodes, curve pillars, FX legs into the base currency).
/// </summary>
internal sealed record PositionPlan(
    string InstrumentId,
    InstrumentReference Reference,
    double Quantity,
    string? Underlying,
    string? Curve,
    string? YieldCurve,
    double Years,
    IReadOnlyList<FxLeg> Fx,
    IReadOnlyList<string> Factors)
{
    /// <returns>The plan, or why the position cannot be valued.</returns>
    public static (PositionPlan? Plan, string? Excluded) Make(
        string instrumentId, double quantity, IReadOnlyDictionary<string, InstrumentReference> references, FactorLevels levels,
        ScenarioSet? set, string? baseCurrency, DateOnly valuationDate)
    {
        if (!references.TryGetValue(instrumentId, out var reference))
        {
            return (null, $"'{instrumentId}' is not in the instrument master.");
        }

        // Without a set the contract is priced in its own currency: no conversion, so no FX pair among its factors.
        IReadOnlyList<FxLeg> legs = [];
        if (set is not null)
        {
            if (FxLegs.Find(set, reference.Currency, baseCurrency!) is not { } found)
            {
                return (null, $"The scenario set has no FX rate converting {reference.Currency} into {baseCurrency}.");
            }

            legs = found;
        }

        List<string> factors = [.. legs.Select(l => set!.Instruments[l.Column])];
        if (factors.FirstOrDefault(levels.IsDropped) is { } pair)
        {
            return (null, $"The FX rate {pair} has no daily history on the book's scenario rows.");
        }

        switch (reference.Kind)
        {
            case InstrumentKinds.Spot:
                return Spot(instrumentId, levels) is { } spotProblem
                    ? (null, spotProblem)
                    : (new PositionPlan(instrumentId, reference, quantity, instrumentId, null, null, 0, legs, [instrumentId, .. factors]), null);
            case InstrumentKinds.Option when reference.Option is { } option:
                return Derivative(instrumentId, reference, quantity, option.Underlying, option.Expiry, option.DividendYield is null ? option.DividendCurve : null,
                    levels.Surface(option.Underlying), references, levels, legs, factors, valuationDate, needsSurface: true);
            case InstrumentKinds.Future when reference.Future is { } future:
                return Derivative(instrumentId, reference, quantity, future.Underlying, future.Expiry, future.CarryYield is null ? future.CarryCurve : null,
                    null, references, levels, legs, factors, valuationDate, needsSurface: false);
            case InstrumentKinds.Bond when reference.Bond is { } bond:
                var curveName = bond.Curve ?? reference.Currency;
                if (bond.Maturity <= valuationDate)
                {
                    return (null, $"'{instrumentId}' matured on {bond.Maturity:yyyy-MM-dd}.");
                }

                return levels.Curve(curveName) is { } pillars
                    ? (new PositionPlan(instrumentId, reference, quantity, null, curveName, null, 0, legs, [.. pillars.Select(p => p.InstrumentId), .. factors]), null)
                    : (null, NoCurve(curveName));
            case InstrumentKinds.Rate or InstrumentKinds.Volatility:
                return (null, $"'{instrumentId}' is a market factor (a curve pillar or a volatility node): nobody holds it; hold an instrument valued on it.");
            default:
                return (null, $"'{instrumentId}' is of kind {reference.Kind} without its contract terms.");
        }
    }

    private static (PositionPlan?, string?) Derivative(
        string instrumentId, InstrumentReference reference, double quantity, string underlying, DateOnly expiry, string? yieldCurve,
        IReadOnlyList<SurfaceNode>? surface, IReadOnlyDictionary<string, InstrumentReference> references, FactorLevels levels,
        IReadOnlyList<FxLeg> legs, List<string> factors, DateOnly valuationDate, bool needsSurface)
    {
        if (!references.TryGetValue(underlying, out var spot) || spot.Kind != InstrumentKinds.Spot)
        {
            return (null, $"The underlying '{underlying}' of '{instrumentId}' is not a spot instrument of the master.");
        }

        if (spot.Currency != reference.Currency)
        {
            return (null, $"'{instrumentId}' is in {reference.Currency} and its underlying in {spot.Currency}: quanto contracts are not valued.");
        }

        if (Spot(underlying, levels, $"The underlying of '{instrumentId}', ") is { } problem)
        {
            return (null, problem);
        }

        if (expiry < valuationDate)
        {
            return (null, $"'{instrumentId}' expired on {expiry:yyyy-MM-dd}.");
        }

        if (levels.Curve(reference.Currency) is not { } pillars)
        {
            return (null, NoCurve(reference.Currency));
        }

        if (yieldCurve is not null && levels.Curve(yieldCurve) is null)
        {
            return (null, NoCurve(yieldCurve));
        }

        if (needsSurface && surface is null)
        {
            return (null, $"No implied volatility for '{underlying}': the master needs Volatility instruments (surface nodes) of it with a level.");
        }

        List<string> needed = [underlying, .. surface?.Select(n => n.InstrumentId) ?? [], .. pillars.Select(p => p.InstrumentId), .. factors];
        return (new PositionPlan(instrumentId, reference, quantity, underlying, reference.Currency, yieldCurve, ContractTerms.Years(valuationDate, expiry), legs, needed), null);
    }

    private static string? Spot(string instrumentId, FactorLevels levels, string prefix = "") =>
        levels.IsDropped(instrumentId) ? $"{prefix}'{instrumentId}' has no daily history on the book's scenario rows."
        : levels.Level(instrumentId) is null ? $"{prefix}'{instrumentId}' has no price: no live tick and no daily close."
        : null;

    private static string NoCurve(string curve) =>
        $"No zero curve {curve}: the master needs Rate instruments (curve pillars) of curve {curve} with a level.";
}
