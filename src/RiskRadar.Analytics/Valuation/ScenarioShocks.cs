using System.Numerics.Tensors;

using RiskRadar.Analytics.Instruments.Curves;

namespace RiskRadar.Analytics.Valuation;

/// <summary>
/// Scenario moves at one market state and horizon, turned into the rows full revaluation reads: S′ = max(S(1 + √h·r),
/// floor) and ln S′ per underlying, √h·Δσ per volatility series, and per curve and expiry √h·Δz(T)·T with its
/// discount factor. Rows are computed on first use and kept, so every book valued at the same state shares them (the
/// live engine revalues thousands of books against one set). Not thread-safe: one per thread.
/// </summary>
public sealed class ScenarioShocks
{
    /// <summary>A shocked spot is floored to this fraction of today's: a return scaled by √h can pass −100 %.</summary>
    public const double SpotFloor = 1e-8;

    private readonly Dictionary<int, (double[] Spot, double[] Log)> _spots = [];
    private readonly Dictionary<int, double[]> _volatilities = [];
    private readonly Dictionary<(int Curve, double Expiry), (double[] RateTime, double[] Discount)> _rates = [];

    public ScenarioShocks(MarketState market, ScenarioMoves moves, int horizon)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(moves);
        Guard.Horizon(horizon);
        Market = market;
        Moves = moves;
        Scale = Math.Sqrt(horizon);
    }

    public MarketState Market { get; }

    public ScenarioMoves Moves { get; }

    /// <summary>√h.</summary>
    public double Scale { get; }

    internal ReadOnlySpan<double> Spot(int underlying) => SpotRows(underlying).Spot;

    internal ReadOnlySpan<double> LogSpot(int underlying) => SpotRows(underlying).Log;

    internal ReadOnlySpan<double> VolatilityMove(int series)
    {
        if (Scale == 1.0)
        {
            return Moves.VolatilityMoves(series);
        }

        if (!_volatilities.TryGetValue(series, out double[]? row))
        {
            row = new double[Moves.Count];
            TensorPrimitives.Multiply(Moves.VolatilityMoves(series), Scale, row);
            _volatilities[series] = row;
        }

        return row;
    }

    internal (double[] RateTime, double[] Discount) Rates(int curve, double expiry, PillarWeights w)
    {
        if (!_rates.TryGetValue((curve, expiry), out (double[] RateTime, double[] Discount) row))
        {
            ReadOnlySpan<double> lower = MultiAssetBook.LowerRow(Moves, curve, w), upper = MultiAssetBook.UpperRow(Moves, curve, w);
            double wl = expiry * w.Lower * Scale, wu = expiry * w.Upper * Scale;
            row = (new double[Moves.Count], new double[Moves.Count]);
            for (int s = 0; s < row.RateTime.Length; s++)
            {
                row.RateTime[s] = (wl * lower[s]) + (wu * upper[s]);
                row.Discount[s] = -row.RateTime[s];
            }

            TensorPrimitives.Exp(row.Discount, row.Discount);
            _rates[(curve, expiry)] = row;
        }

        return row;
    }

    private (double[] Spot, double[] Log) SpotRows(int underlying)
    {
        if (!_spots.TryGetValue(underlying, out (double[] Spot, double[] Log) row))
        {
            double s0 = Market.Spots[underlying];
            ReadOnlySpan<double> r = Moves.Returns(underlying);
            row = (new double[r.Length], new double[r.Length]);
            for (int s = 0; s < r.Length; s++)
            {
                row.Spot[s] = Math.Max(s0 * (1.0 + (Scale * r[s])), s0 * SpotFloor);
            }

            TensorPrimitives.Log(row.Spot, row.Log);
            _spots[underlying] = row;
        }

        return row;
    }
}
