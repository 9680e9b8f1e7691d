namespace RiskRadar.Analytics.Stress;

/// <summary>
/// An implied-volatility shock on every node of an underlying's surface (<see cref="All"/> for every surface):
/// relative, σ′ = σ(1 + size), or absolute, σ′ = σ + size (0.05 is five volatility points).
/// </summary>
public sealed record VolatilityShock(string Underlying, ShockKind Kind, double Size)
{
    public const string All = "all";

    public bool Applies(string underlying) => Underlying == All || Underlying == underlying;
}

public enum CurveShockKind
{
    /// <summary>Every pillar moves by the size.</summary>
    Parallel = 0,

    /// <summary>A rotation: −size/2 at the shortest pillar to +size/2 at the longest, linear in years between.</summary>
    Steepener = 1,

    /// <summary>The opposite rotation: +size/2 at the shortest pillar to −size/2 at the longest.</summary>
    Flattener = 2,

    /// <summary>One pillar (the tenor given) moves by the size; the curve between its neighbours by the triangle of its weight.</summary>
    KeyRate = 3,
}

/// <summary>A zero-curve shock in basis points on one curve (a currency; <see cref="All"/> for every curve).</summary>
public sealed record CurveShock(string Curve, CurveShockKind Kind, double BasisPoints, string? Tenor = null)
{
    public const string All = "all";

    public bool Applies(string curve) => Curve == All || Curve == curve;

    /// <summary>The zero-rate change (decimal) at a pillar of <paramref name="years"/> and <paramref name="tenor"/> on a curve whose pillars run from <paramref name="first"/> to <paramref name="last"/> years.</summary>
    public double RateMove(double years, string tenor, double first, double last)
    {
        var size = BasisPoints * 1e-4;
        var position = last > first ? ((years - first) / (last - first)) - 0.5 : 0.0;
        return Kind switch
        {
            CurveShockKind.Parallel => size,
            CurveShockKind.Steepener => size * position,
            CurveShockKind.Flattener => -size * position,
            _ => string.Equals(tenor, Tenor, StringComparison.OrdinalIgnoreCase) ? size : 0.0,
        };
    }
}
