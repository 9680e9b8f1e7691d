using RiskRadar.Analytics.Instruments.Curves;
using RiskRadar.Analytics.Instruments.Futures;
using RiskRadar.Analytics.Instruments.Volatility;
using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Analytics.Valuation;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Instruments;

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
        var log = set.Kind == ReturnKind.Log;

        List<string> underlyings = [.. plans.Select(p => p.Underlying).OfType<string>().Distinct(StringComparer.Ordinal)];
        var spots = underlyings.Select(u => levels.Level(u)!.Value).ToArray();
        var spotMoves = new double[underlyings.Count * count];
        for (var u = 0; u < underlyings.Count; u++)
        {
            Simple(returns, column[underlyings[u]], log, spotMoves.AsSpan(u * count, count));
        }

        List<string> curveNames = [.. plans.SelectMany(p => new[] { p.Curve, p.YieldCurve }).OfType<string>().Distinct(StringComparer.Ordinal)];
        List<IReadOnlyList<Pillar>> pillars = [.. curveNames.Select(c => levels.Curve(c)!)];
        List<ZeroCurve> curves = [.. pillars.Select(p => new ZeroCurve([.. p.Select(x => x.Years)], [.. p.Select(x => x.Rate)]))];
        List<double[]> curveMoves = [];
        foreach (var curve in pillars)
        {
            var moves = new double[curve.Count * count];
            for (var p = 0; p < curve.Count; p++)
            {
                // A curve only read for a yield is not among the factors: its pillars do not move.
                if (column.TryGetValue(curve[p].InstrumentId, out var j))
                {
                    var row = returns!.Series(j);
                    for (var s = 0; s < count; s++)
                    {
                        moves[(p * count) + s] = log ? -row[s] / curve[p].Years : ZeroCouponQuotes.RateMove(row[s], curve[p].Years);
                    }
                }
            }

            curveMoves.Add(moves);
        }

        List<double> volatilities = [];
        List<double[]> volatilityMoves = [];
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
                    var surface = levels.Surface(option.Underlying)!;
                    var (sigma, moves) = SurfaceMoves(surface, plan.Years, option.Strike / spots[u], returns, column, log, count);
                    volatilities.Add(sigma);
                    volatilityMoves.Add(moves);
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
        var scenarioMoves = count == 0 ? null : new ScenarioMoves(count, spotMoves, [.. volatilityMoves.SelectMany(m => m)], curveMoves);
        List<CurrencyBook> books = [];
        List<PricedPosition> priced = [];
        foreach (var group in holdings.GroupBy(h => h.Plan.Reference.Currency, StringComparer.Ordinal))
        {
            var legs = group.First().Plan.Fx;
            var fx = FxRate(set, legs, levels);
            var fxMoves = legs.Count == 0 || count == 0 ? null : FxMoves(returns!, column, set, legs, log, count);
            books.Add(new CurrencyBook(group.Key, MultiAssetBook.Create(market, valuationDate, group.Select(h => h.Holding)), fx, fxMoves));
            foreach (var (plan, _, unit) in group)
            {
                var unitPrice = unit is FutureHolding f
                    ? f.Quantity * FuturePricer.FairValue(spots[f.Underlying], curves[f.Curve].ZeroRate(f.Expiry), f.CarryYield, f.Expiry)
                    : MultiAssetBook.Create(market, valuationDate, [unit]).Value;
                var value = unit is FutureHolding ? 0.0 : plan.Quantity * unitPrice * fx;
                priced.Add(new PricedPosition(plan.InstrumentId, plan.Reference.Kind, plan.Reference.AssetClass, plan.Reference.Currency, plan.Quantity, unitPrice, fx, value));
            }
        }

        return new MultiAssetScenarioBook(
            set, selected.Rows, baseCurrency, valuationDate, market, scenarioMoves, books, priced, excluded, underlyings,
            [.. curveNames.Select((name, i) => (name, pillars[i]))]);
    }

    /// <summary>Today's volatility of an option on the surface, and its absolute move per scenario: Σ weight × node level × node return.</summary>
    private static (double Sigma, double[] Moves) SurfaceMoves(
        IReadOnlyList<SurfaceNode> nodes, double years, double moneyness, ReturnMatrix? returns, Dictionary<string, int> column, bool log, int count)
    {
        var surface = new VolatilitySurface([.. nodes.Select(n => (n.Years, n.Moneyness))]);
        var moves = new double[count];
        var sigma = 0.0;
        var nodeMoves = new double[count];
        foreach (var (node, weight) in surface.Weights(years, moneyness))
        {
            sigma += weight * nodes[node].Level;
            Simple(returns, column[nodes[node].InstrumentId], log, nodeMoves);
            for (var s = 0; s < count; s++)
            {
                moves[s] += weight * nodes[node].Level * nodeMoves[s];
            }
        }

        return (sigma, moves);
    }

    /// <summary>Base-currency units per unit of the currency, leg by leg from 1 as the linear paths convert.</summary>
    private static double FxRate(ScenarioSet set, IReadOnlyList<FxLeg> legs, FactorLevels levels)
    {
        var rate = 1.0;
        foreach (var leg in legs)
        {
            var price = levels.Level(set.Instruments[leg.Column])!.Value;
            rate *= leg.Inverse ? 1.0 / price : price;
        }

        return rate;
    }

    private static double[] FxMoves(ReturnMatrix returns, Dictionary<string, int> column, ScenarioSet set, IReadOnlyList<FxLeg> legs, bool log, int count)
    {
        var moves = new double[count];
        Array.Fill(moves, log ? 0.0 : 1.0);
        foreach (var leg in legs)
        {
            var row = returns.Series(column[set.Instruments[leg.Column]]);
            for (var s = 0; s < count; s++)
            {
                moves[s] = log ? moves[s] + (leg.Inverse ? -row[s] : row[s])
                    : leg.Inverse ? moves[s] / (1.0 + row[s]) : moves[s] * (1.0 + row[s]);
            }
        }

        for (var s = 0; s < count; s++)
        {
            moves[s] = log ? double.ExpM1(moves[s]) : moves[s] - 1.0;
        }

        return moves;
    }

    /// <summary>Column <paramref name="j"/>'s simple returns (a log set's converted).</summary>
    private static void Simple(ReturnMatrix? returns, int j, bool log, Span<double> destination)
    {
        if (returns is null)
        {
            return;
        }

        var row = returns.Series(j);
        for (var s = 0; s < destination.Length; s++)
        {
            destination[s] = log ? double.ExpM1(row[s]) : row[s];
        }
    }
}
