using RiskRadar.Analytics.Valuation;
using RiskRadar.Contracts.Instruments;

namespace RiskRadar.TimeSeries.Books;

/// <summary>A risk factor's return in each scenario (a price ratio minus 1, or its log in a log set); empty when it has none, and then it does not move.</summary>
public delegate ReadOnlySpan<double> FactorReturns(string factorId);

/// <summary>A node of an option's surface, its weight in the option's volatility and its level today.</summary>
internal readonly record struct WeightedNode(string InstrumentId, double Weight, double Level);

/// <summary>
/// How the returns of a book's risk factors become the moves its valuation takes: an underlying's return as is, a
/// pillar's zero-coupon price return as Δz = −ln(1 + r)/T, an option's volatility as Σ weight × node level × node
/// return, a currency's as the product of its FX legs. The same rules for the rows of a scenario set and for stress
/// scenarios written as factor returns.
/// </summary>
internal sealed class MoveMap(
    IReadOnlyList<string> underlyings, IReadOnlyList<(string Name, IReadOnlyList<Pillar> Pillars)> curves, IReadOnlyList<IReadOnlyList<WeightedNode>> volatilities)
{
    public IReadOnlyList<string> Underlyings => underlyings;

    public IReadOnlyList<(string Name, IReadOnlyList<Pillar> Pillars)> Curves => curves;

    /// <summary>Per volatility series (one per option), the nodes it is made of.</summary>
    public IReadOnlyList<IReadOnlyList<WeightedNode>> Volatilities => volatilities;

    public ScenarioMoves Moves(FactorReturns returns, int count, bool log)
    {
        var spots = new double[underlyings.Count * count];
        for (var u = 0; u < underlyings.Count; u++)
        {
            Simple(returns(underlyings[u]), log, spots.AsSpan(u * count, count));
        }

        List<double[]> curveMoves = new(curves.Count);
        foreach (var (_, curve) in curves)
        {
            var moves = new double[curve.Count * count];
            for (var p = 0; p < curve.Count; p++)
            {
                var row = returns(curve[p].InstrumentId);
                for (var s = 0; s < row.Length; s++)
                {
                    moves[(p * count) + s] = log ? -row[s] / curve[p].Years : ZeroCouponQuotes.RateMove(row[s], curve[p].Years);
                }
            }

            curveMoves.Add(moves);
        }

        var volatilityMoves = new double[volatilities.Count * count];
        var node = new double[count];
        for (var v = 0; v < volatilities.Count; v++)
        {
            var moves = volatilityMoves.AsSpan(v * count, count);
            foreach (var (id, weight, level) in volatilities[v])
            {
                node.AsSpan().Clear();
                Simple(returns(id), log, node);
                for (var s = 0; s < count; s++)
                {
                    moves[s] += weight * level * node[s];
                }
            }
        }

        return new ScenarioMoves(count, spots, volatilityMoves, curveMoves);
    }

    /// <summary>A currency's simple return against the base per scenario, leg by leg.</summary>
    public static double[] FxMoves(IReadOnlyList<(string Pair, bool Inverse)> legs, FactorReturns returns, int count, bool log)
    {
        var moves = new double[count];
        Array.Fill(moves, log ? 0.0 : 1.0);
        foreach (var (pair, inverse) in legs)
        {
            var row = returns(pair);
            for (var s = 0; s < row.Length; s++)
            {
                moves[s] = log ? moves[s] + (inverse ? -row[s] : row[s])
                    : inverse ? moves[s] / (1.0 + row[s]) : moves[s] * (1.0 + row[s]);
            }
        }

        for (var s = 0; s < count; s++)
        {
            moves[s] = log ? double.ExpM1(moves[s]) : moves[s] - 1.0;
        }

        return moves;
    }

    private static void Simple(ReadOnlySpan<double> row, bool log, Span<double> destination)
    {
        for (var s = 0; s < row.Length; s++)
        {
            destination[s] = log ? double.ExpM1(row[s]) : row[s];
        }
    }
}
