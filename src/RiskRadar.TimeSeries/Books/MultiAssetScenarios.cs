using RiskRadar.Analytics.Instruments.Curves;
using RiskRadar.Analytics.Instruments.Futures;
using RiskRadar.Analytics.Instruments.Volatility;
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
        var levels = new FactorLevels(set, references, level);
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

    private static MultiAssetScenarioBook Assemble(
        ScenarioSet set, List<PositionPlan> plans, List<ExcludedPosition> excluded, BookReturns selected, FactorLevels levels, string baseCurrency, DateOnly valuationDate)
    {
        var returns = selected.Returns;
        var count = returns?.Observations ?? 0;
        var column = returns?.Instruments.Select((id, j) => (id, j)).ToDictionary(x => x.id, x => x.j, StringComparer.Ordinal) ?? [];
        FactorReturns fromSet = id => column.TryGetValue(id, out var j) ? returns!.Series(j) : [];

        List<string> underlyings = [.. plans.Select(p => p.Underlying).OfType<string>().Distinct(StringComparer.Ordinal)];
        var spots = underlyings.Select(u => levels.Level(u)!.Value).ToArray();
        List<string> curveNames = [.. plans.SelectMany(p => new[] { p.Curve, p.YieldCurve }).OfType<string>().Distinct(StringComparer.Ordinal)];
        List<IReadOnlyList<Pillar>> pillars = [.. curveNames.Select(c => levels.Curve(c)!)];
        List<ZeroCurve> curves = [.. pillars.Select(p => new ZeroCurve([.. p.Select(x => x.Years)], [.. p.Select(x => x.Rate)]))];

        List<double> volatilities = [];
        List<IReadOnlyList<WeightedNode>> surfaces = [];
        var holdings = new List<(PositionPlan Plan, Holding Holding, Holding Unit)>(plans.Count);
        foreach (var plan in plans)
        {
            var u = plan.Underlying is { } id ? underlyings.IndexOf(id) : -1;
            var c = plan.Curve is { } name ? curveNames.IndexOf(name) : -1;
            var yield = plan.YieldCurve is { } yc ? curves[curveNames.IndexOf(yc)].ZeroRate(plan.Years) : 0.0;
            var reference = plan.Reference;
            switch (reference.Kind)
            {
                case InstrumentKinds.Option:
                    var option = reference.Option!;
                    var nodes = Weighted(levels.Surface(option.Underlying)!, plan.Years, option.Strike / spots[u]);
                    volatilities.Add(nodes.Sum(n => n.Weight * n.Level));
                    surfaces.Add(nodes);
                    OptionHolding Option(double quantity) => new(u, ContractTerms.Right(option), option.Strike, plan.Years, option.DividendYield ?? yield,
                        volatilities.Count - 1, c, quantity * option.Multiplier);
                    holdings.Add((plan, Option(plan.Quantity), Option(1)));
                    break;
                case InstrumentKinds.Future:
                    var future = reference.Future!;
                    FutureHolding Future(double quantity) => new(u, plan.Years, future.CarryYield ?? yield, c, quantity * future.Multiplier);
                    holdings.Add((plan, Future(plan.Quantity), Future(1)));
                    break;
                case InstrumentKinds.Bond:
                    var bond = ContractTerms.Bond(reference.Bond!);
                    holdings.Add((plan, new BondHolding(bond, c, plan.Quantity), new BondHolding(bond, c, 1)));
                    break;
                default:
                    holdings.Add((plan, new LinearHolding(u, plan.Quantity), new LinearHolding(u, 1)));
                    break;
            }
        }

        var market = new MarketState(spots, [.. volatilities], curves);
        var map = new MoveMap(underlyings, [.. curveNames.Select((name, c) => (name, pillars[c]))], surfaces);
        var log = set.Kind == ReturnKind.Log;
        var moves = count == 0 ? null : map.Moves(fromSet, count, log);
        List<CurrencyBook> books = [];
        List<ValuedHolding> positions = [];
        foreach (var group in holdings.GroupBy(h => h.Plan.Reference.Currency, StringComparer.Ordinal))
        {
            List<(string, bool)> legs = [.. group.First().Plan.Fx.Select(l => (set.Instruments[l.Column], l.Inverse))];
            var fx = FxRate(legs, levels);
            var fxMoves = legs.Count == 0 || count == 0 ? null : MoveMap.FxMoves(legs, fromSet, count, log);
            books.Add(new CurrencyBook(group.Key, MultiAssetBook.Create(market, valuationDate, group.Select(h => h.Holding)), fx, legs, fxMoves));
            foreach (var (plan, holding, unit) in group)
            {
                var unitPrice = unit is FutureHolding f
                    ? f.Quantity * FuturePricer.FairValue(spots[f.Underlying], curves[f.Curve].ZeroRate(f.Expiry), f.CarryYield, f.Expiry)
                    : MultiAssetBook.Create(market, valuationDate, [unit]).Value;
                var value = unit is FutureHolding ? 0.0 : plan.Quantity * unitPrice * fx;
                positions.Add(new ValuedHolding(
                    new PricedPosition(plan.InstrumentId, plan.Reference.Kind, plan.Reference.AssetClass, plan.Reference.Currency, plan.Quantity, unitPrice, fx, value),
                    MultiAssetBook.Create(market, valuationDate, [holding]),
                    books.Count - 1));
            }
        }

        List<string> factors = [.. plans.SelectMany(p => p.Factors).Distinct(StringComparer.Ordinal)];
        return new MultiAssetScenarioBook(set, selected.Rows, baseCurrency, valuationDate, market, map, moves, books, positions, excluded, factors);
    }

    /// <summary>The nodes that make an option's volatility on its underlying's surface, with their weights and levels today.</summary>
    private static List<WeightedNode> Weighted(IReadOnlyList<SurfaceNode> nodes, double years, double moneyness) =>
        [.. new VolatilitySurface([.. nodes.Select(n => (n.Years, n.Moneyness))]).Weights(years, moneyness)
            .Select(w => new WeightedNode(nodes[w.Node].InstrumentId, w.Weight, nodes[w.Node].Level))];

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
