using RiskRadar.Analytics.Scenarios;
using RiskRadar.Analytics.Valuation;
using RiskRadar.Contracts.Events;

namespace RiskRadar.TimeSeries.Books;

/// <summary>
/// A book of spot instruments, options, futures and bonds against a daily scenario set: today's market state (spots,
/// implied volatilities from each underlying's surface, zero curves from their pillars, FX rates) and, per row, the
/// moves its own history gives (returns of spots and FX pairs, relative moves of surface nodes, zero-rate changes of
/// pillars). Rows are chosen by <see cref="BookReturns"/>'s rule over the book's risk factors; a factor without
/// history on them is dropped (a pillar or node) or leaves its positions out (an underlying or FX pair). The one
/// construction the Api and the streaming engine share (docs/analytics.md, "Multi-asset books over a scenario set").
/// </summary>
public static class MultiAssetScenarios
{
    /// <param name="references">The positions' instruments, their underlyings and the master's curve pillars and surface nodes.</param>
    /// <param name="level">An instrument's level now (live tick or a given price), or null for the set's last close.</param>
    public static MultiAssetScenarioBook Build(
        ScenarioSet set,
        IReadOnlyList<(string InstrumentId, double Quantity)> positions,
        IReadOnlyDictionary<string, InstrumentReference> references,
        string baseCurrency,
        DateOnly valuationDate,
        int lookback,
        Func<string, double?> level)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(references);
        var levels = new FactorLevels(references, LevelOrLastClose(level, set));
        while (true)
        {
            List<PositionPlan> plans = [];
            List<ExcludedPosition> excluded = [];
            foreach (var (instrumentId, quantity) in positions)
            {
                var (plan, reason) = PositionPlan.Make(instrumentId, quantity, references, levels, set, baseCurrency, valuationDate);
                if (plan is null)
                {
                    excluded.Add(new ExcludedPosition(instrumentId, reason!));
                }
                else
                {
                    plans.Add(plan);
                }
            }

            List<BookInstrument> factors = [.. plans.SelectMany(p => p.Factors).Distinct(StringComparer.Ordinal).Select(id => new BookInstrument(id, set.IndexOf(id), []))];
            var selected = BookReturns.Select(set, factors, lookback);
            if (selected.WithoutHistory.Count == 0)
            {
                return Assemble(set, plans, excluded, selected, levels, baseCurrency, valuationDate);
            }

            levels.Drop(selected.WithoutHistory);
        }
    }

    /// <summary>The level a book over <paramref name="set"/> is valued at: <paramref name="level"/>'s when positive, else the set's last close.</summary>
    public static Func<string, double?> LevelOrLastClose(Func<string, double?> level, ScenarioSet set) =>
        id => level(id) is { } given && given > 0 && double.IsFinite(given) ? given
            : set.IndexOf(id) is >= 0 and var column ? set.LastClose(column).Close
            : null;

    private static MultiAssetScenarioBook Assemble(
        ScenarioSet set, List<PositionPlan> plans, List<ExcludedPosition> excluded, BookReturns selected, FactorLevels levels, string baseCurrency, DateOnly valuationDate)
    {
        var returns = selected.Returns;
        var count = returns?.Observations ?? 0;
        var column = returns?.Instruments.Select((id, j) => (id, j)).ToDictionary(x => x.id, x => x.j, StringComparer.Ordinal) ?? [];
        FactorReturns fromSet = id => column.TryGetValue(id, out var j) ? returns!.Series(j) : [];

        var valued = BookMarket.Create(plans, levels, valuationDate);
        var log = set.Kind == ReturnKind.Log;
        var moves = count == 0 ? null : valued.Map.Moves(fromSet, count, log);
        List<CurrencyBook> books = [];
        List<ValuedHolding> positions = [];
        foreach (var group in valued.Holdings.GroupBy(h => h.Plan.Reference.Currency, StringComparer.Ordinal))
        {
            List<(string, bool)> legs = [.. group.First().Plan.Fx.Select(l => (set.Instruments[l.Column], l.Inverse))];
            var fx = FxRate(legs, levels);
            var fxMoves = legs.Count == 0 || count == 0 ? null : MoveMap.FxMoves(legs, fromSet, count, log);
            books.Add(new CurrencyBook(group.Key, MultiAssetBook.Create(valued.Market, valuationDate, group.Select(h => h.Holding)), fx, legs, fxMoves));
            foreach (var (plan, holding, unit) in group)
            {
                var unitPrice = valued.UnitPrice(unit, valuationDate);
                var value = unit is FutureHolding ? 0.0 : plan.Quantity * unitPrice * fx;
                var alone = MultiAssetBook.Create(valued.Market, valuationDate, [holding]);
                var exposure = holding is OptionHolding or FutureHolding ? fx * alone.CashDelta : value;
                positions.Add(new ValuedHolding(
                    new PricedPosition(plan.InstrumentId, plan.Reference.Kind, plan.Reference.AssetClass, plan.Reference.Currency, plan.Quantity, unitPrice, fx, value, exposure),
                    alone,
                    books.Count - 1));
            }
        }

        List<string> factors = [.. plans.SelectMany(p => p.Factors).Distinct(StringComparer.Ordinal)];
        return new MultiAssetScenarioBook(set, selected.Rows, baseCurrency, valuationDate, valued.Market, valued.Map, moves, books, positions, excluded, factors);
    }

    /// <summary>Base-currency units per unit of the currency, leg by leg from 1 as the linear paths convert.</summary>
    private static double FxRate(IReadOnlyList<(string Pair, bool Inverse)> legs, FactorLevels levels)
    {
        var rate = 1.0;
        foreach (var (pair, inverse) in legs)
        {
            var price = levels.Level(pair)!.Value;
            rate *= inverse ? 1.0 / price : price;
        }

        return rate;
    }
}
