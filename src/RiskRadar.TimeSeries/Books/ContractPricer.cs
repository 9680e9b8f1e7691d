using RiskRadar.Contracts.Events;

namespace RiskRadar.TimeSeries.Books;

/// <summary>
/// A contract's value at given levels of its factors, in its own currency, per unit of quantity (see
/// <see cref="BookMarket.UnitPrice"/>): how the stream processor prices an option, a future or a bond at a window
/// boundary from the prices its underlying, curve pillars and surface nodes stood at there, by the same code the
/// multi-asset book values it with.
/// </summary>
public static class ContractPricer
{
    /// <param name="references">The contract, its underlying and the master's curve pillars and surface nodes.</param>
    /// <param name="level">Each instrument's level (null: none; a pillar or node without one is left out of its curve or surface).</param>
    /// <returns>The price, or null and why it cannot be valued.</returns>
    public static (double? Price, string? Reason) UnitPrice(
        string instrumentId, IReadOnlyDictionary<string, InstrumentReference> references, Func<string, double?> level, DateOnly valuationDate)
    {
        var levels = new FactorLevels(references, level);
        var (plan, reason) = PositionPlan.Make(instrumentId, 1, references, levels, set: null, baseCurrency: null, valuationDate);
        if (plan is null)
        {
            return (null, reason);
        }

        var market = BookMarket.Create([plan], levels, valuationDate);
        return (market.UnitPrice(market.Holdings[0].Unit, valuationDate), null);
    }
}
