namespace RiskRadar.Analytics.Optimisation;

/// <summary>
/// Fully invested (Σw = 1) with optional per-weight bounds; long-only raises every lower bound to 0.
/// Missing bounds are ±∞.
/// </summary>
public sealed record PortfolioConstraints
{
    public PortfolioConstraints(bool longOnly = false, IReadOnlyList<double>? lower = null, IReadOnlyList<double>? upper = null)
    {
        if (lower is not null && upper is not null && lower.Count != upper.Count)
        {
            throw new ArgumentException($"Lower bounds have {lower.Count} entries and upper bounds {upper.Count}.", nameof(upper));
        }

        LongOnly = longOnly;
        Lower = lower is null ? null : [.. lower];
        Upper = upper is null ? null : [.. upper];
    }

    public static PortfolioConstraints Unconstrained { get; } = new();

    public static PortfolioConstraints LongOnlyPortfolio { get; } = new(longOnly: true);

    public bool LongOnly { get; }

    public IReadOnlyList<double>? Lower { get; }

    public IReadOnlyList<double>? Upper { get; }

    /// <summary>Effective bounds for <paramref name="n"/> assets, validated for consistency and feasibility of Σw = 1.</summary>
    public (double[] Lower, double[] Upper) Resolve(int n)
    {
        if (Lower is not null && Lower.Count != n)
        {
            throw new ArgumentException($"Lower bounds have {Lower.Count} entries for {n} assets.", nameof(n));
        }

        if (Upper is not null && Upper.Count != n)
        {
            throw new ArgumentException($"Upper bounds have {Upper.Count} entries for {n} assets.", nameof(n));
        }

        double[] lo = new double[n], hi = new double[n];
        double sumLo = 0.0, sumHi = 0.0;
        for (int i = 0; i < n; i++)
        {
            lo[i] = Lower?[i] ?? double.NegativeInfinity;
            hi[i] = Upper?[i] ?? double.PositiveInfinity;
            if (LongOnly)
            {
                lo[i] = Math.Max(lo[i], 0.0);
            }

            if (double.IsNaN(lo[i]) || double.IsNaN(hi[i]) || lo[i] > hi[i] || double.IsPositiveInfinity(lo[i]) || double.IsNegativeInfinity(hi[i]))
            {
                throw new ArgumentException($"Bounds of asset {i} are inconsistent: [{lo[i]}, {hi[i]}].", nameof(n));
            }

            sumLo += lo[i];
            sumHi += hi[i];
        }

        if (sumLo > 1.0 + 1e-12 || sumHi < 1.0 - 1e-12)
        {
            throw new ArgumentException($"No fully invested portfolio fits the bounds: lower bounds sum to {sumLo}, upper bounds to {sumHi}.", nameof(n));
        }

        return (lo, hi);
    }
}
