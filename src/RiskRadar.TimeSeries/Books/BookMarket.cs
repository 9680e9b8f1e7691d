using RiskRadar.Analytics.Instruments.Curves;
using RiskRadar.Analytics.Instruments.Futures;
using RiskRadar.Analytics.Instruments.Volatility;
using RiskRadar.Analytics.Valuation;
using RiskRadar.Contracts.Events;

namespace RiskRadar.TimeSeries.Books;

/// <summary>
/// The market state planned positions are valued at (their underlyings' spots, their curves, each option's
/// volatility read off its surface) and their holdings in it: the one place a contract's value is made, whether for a
/// book over a scenario set or for a contract's price at a window boundary (<see cref="ContractPricer"/>).
/// </summary>
internal sealed class BookMarket
{
    private BookMarket(MarketState market, MoveMap map, IReadOnlyList<(PositionPlan Plan, Holding Holding, Holding Unit)> holdings)
    {
        Market = market;
        Map = map;
        Holdings = holdings;
    }

    public MarketState Market { get; }

    public MoveMap Map { get; }

    /// <summary>Each plan's holding, and the same holding for one unit of quantity.</summary>
    public IReadOnlyList<(PositionPlan Plan, Holding Holding, Holding Unit)> Holdings { get; }

    public static BookMarket Create(IReadOnlyList<PositionPlan> plans, FactorLevels levels, DateOnly valuationDate)
    {
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

        var map = new MoveMap(underlyings, [.. curveNames.Select((name, i) => (name, pillars[i]))], surfaces);
        return new BookMarket(new MarketState(spots, [.. volatilities], curves), map, holdings);
    }

    /// <summary>
    /// The value of one unit of quantity in its currency: a share's price, an option contract's price × multiplier,
    /// a bond's dirty value, a future's fair value × multiplier (what its P&amp;L moves with; it adds no value).
    /// </summary>
    public double UnitPrice(Holding unit, DateOnly valuationDate) =>
        unit is FutureHolding f
            ? f.Quantity * FuturePricer.FairValue(Market.Spots[f.Underlying], Market.Curves[f.Curve].ZeroRate(f.Expiry), f.CarryYield, f.Expiry)
            : MultiAssetBook.Create(Market, valuationDate, [unit]).Value;

    /// <summary>The nodes that make an option's volatility on its underlying's surface, with their weights and levels today.</summary>
    private static List<WeightedNode> Weighted(IReadOnlyList<SurfaceNode> nodes, double years, double moneyness) =>
        [.. new VolatilitySurface([.. nodes.Select(n => (n.Years, n.Moneyness))]).Weights(years, moneyness)
            .Select(w => new WeightedNode(nodes[w.Node].InstrumentId, w.Weight, nodes[w.Node].Level))];
}
