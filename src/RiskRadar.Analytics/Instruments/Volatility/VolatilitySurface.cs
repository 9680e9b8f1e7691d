namespace RiskRadar.Analytics.Instruments.Volatility;

/// <summary>
/// Where an option's implied volatility comes from on a surface of nodes (expiry in years, moneyness K/S): linear in
/// moneyness between the nodes of each expiry, then linear in expiry between the two expiries around the option's,
/// flat outside the nodes in both directions. A volatility is therefore a weighted sum of at most four node levels
/// whose weights add up to 1, so a node's move moves the option's volatility by its weight times that move.
/// </summary>
public sealed class VolatilitySurface
{
    private readonly double[] _expiries;
    private readonly (double Moneyness, int Node)[][] _smiles;

    public VolatilitySurface(IReadOnlyList<(double Expiry, double Moneyness)> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        Guard.MinObservations(nodes.Count, 1, nameof(nodes));
        for (int i = 0; i < nodes.Count; i++)
        {
            Guard.Positive(nodes[i].Expiry, nameof(nodes));
            Guard.Positive(nodes[i].Moneyness, nameof(nodes));
        }

        IGrouping<double, int>[] byExpiry = [.. Enumerable.Range(0, nodes.Count).GroupBy(i => nodes[i].Expiry).OrderBy(g => g.Key)];
        _expiries = [.. byExpiry.Select(g => g.Key)];
        _smiles = [.. byExpiry.Select(g => g.Select(i => (nodes[i].Moneyness, i)).OrderBy(x => x.Moneyness).ToArray())];
        foreach ((double Moneyness, int Node)[] smile in _smiles)
        {
            for (int k = 1; k < smile.Length; k++)
            {
                if (smile[k].Moneyness == smile[k - 1].Moneyness)
                {
                    throw new ArgumentException("Two nodes share an expiry and a moneyness.", nameof(nodes));
                }
            }
        }
    }

    /// <summary>The nodes (indices into the constructor's list) and weights that make the volatility at (<paramref name="expiry"/>, <paramref name="moneyness"/>).</summary>
    public IReadOnlyList<(int Node, double Weight)> Weights(double expiry, double moneyness)
    {
        Guard.NonNegative(expiry, nameof(expiry));
        Guard.Positive(moneyness, nameof(moneyness));
        List<(int Node, double Weight)> weights = new(4);
        foreach ((int index, double weight) in Bracket(_expiries, expiry))
        {
            (double Moneyness, int Node)[] smile = _smiles[index];
            double[] levels = [.. smile.Select(s => s.Moneyness)];
            foreach ((int k, double w) in Bracket(levels, moneyness))
            {
                weights.Add((smile[k].Node, weight * w));
            }
        }

        return weights;
    }

    /// <summary>Σ weight × level of <paramref name="levels"/>, one per node in the constructor's order.</summary>
    public double Volatility(double expiry, double moneyness, ReadOnlySpan<double> levels)
    {
        double sigma = 0.0;
        foreach ((int node, double weight) in Weights(expiry, moneyness))
        {
            sigma += weight * levels[node];
        }

        return sigma;
    }

    /// <summary>The one or two points of ascending <paramref name="points"/> around <paramref name="x"/> and their linear weights; flat outside.</summary>
    private static IEnumerable<(int Index, double Weight)> Bracket(double[] points, double x)
    {
        if (x <= points[0])
        {
            yield return (0, 1.0);
            yield break;
        }

        int last = points.Length - 1;
        if (x >= points[last])
        {
            yield return (last, 1.0);
            yield break;
        }

        int upper = Array.FindIndex(points, p => p > x);
        double upperWeight = (x - points[upper - 1]) / (points[upper] - points[upper - 1]);
        yield return (upper - 1, 1.0 - upperWeight);
        if (upperWeight > 0.0)
        {
            yield return (upper, upperWeight);
        }
    }
}
