namespace RiskRadar.Analytics.Valuation;

/// <summary>
/// N scenarios of market moves, stored per factor so that each factor's moves are one contiguous row: simple
/// returns per underlying, absolute volatility changes per volatility series, and absolute zero-rate changes per
/// curve pillar. A factor without history moves by zero.
/// </summary>
public sealed class ScenarioMoves
{
    private readonly double[] _returns;
    private readonly double[] _volatilityMoves;
    private readonly double[][] _curveMoves;

    /// <param name="count">Scenarios N.</param>
    /// <param name="returns">Underlying-major returns, U × N.</param>
    /// <param name="volatilityMoves">Series-major volatility changes, V × N.</param>
    /// <param name="curveMoves">Per curve, pillar-major zero-rate changes, P × N.</param>
    public ScenarioMoves(int count, double[] returns, double[] volatilityMoves, IReadOnlyList<double[]> curveMoves)
    {
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(volatilityMoves);
        ArgumentNullException.ThrowIfNull(curveMoves);
        Guard.MinObservations(count, 1, nameof(count));
        CheckRows(returns, count, nameof(returns));
        CheckRows(volatilityMoves, count, nameof(volatilityMoves));
        foreach (double[] moves in curveMoves)
        {
            CheckRows(moves, count, nameof(curveMoves));
        }

        Count = count;
        _returns = returns;
        _volatilityMoves = volatilityMoves;
        _curveMoves = [.. curveMoves];
    }

    public int Count { get; }

    public int Underlyings => _returns.Length / Count;

    public int VolatilitySeries => _volatilityMoves.Length / Count;

    public int Curves => _curveMoves.Length;

    public int PillarsOf(int curve) => _curveMoves[curve].Length / Count;

    public ReadOnlySpan<double> Returns(int underlying) => _returns.AsSpan(underlying * Count, Count);

    public ReadOnlySpan<double> VolatilityMoves(int series) => _volatilityMoves.AsSpan(series * Count, Count);

    public ReadOnlySpan<double> CurveMoves(int curve, int pillar) => _curveMoves[curve].AsSpan(pillar * Count, Count);

    /// <summary>Scenario <paramref name="scenario"/> alone, as a set of one.</summary>
    public ScenarioMoves Single(int scenario)
    {
        if (scenario < 0 || scenario >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(scenario), scenario, $"There are {Count} scenarios.");
        }

        return new ScenarioMoves(
            1,
            Column(_returns, Underlyings, scenario),
            Column(_volatilityMoves, VolatilitySeries, scenario),
            [.. _curveMoves.Select((m, c) => Column(m, PillarsOf(c), scenario))]);
    }

    private double[] Column(double[] rows, int factors, int scenario)
    {
        double[] column = new double[factors];
        for (int f = 0; f < factors; f++)
        {
            column[f] = rows[(f * Count) + scenario];
        }

        return column;
    }

    private static void CheckRows(double[] values, int count, string name)
    {
        if (values.Length % count != 0)
        {
            throw new ArgumentException($"{name} has {values.Length} values, not a whole number of rows of {count} scenarios.", name);
        }

        Guard.Finite(values, name);
    }
}
