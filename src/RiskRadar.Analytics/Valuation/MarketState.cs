using RiskRadar.Analytics.Instruments.Curves;

namespace RiskRadar.Analytics.Valuation;

/// <summary>
/// What a multi-asset book is valued at: a spot per underlying, an implied volatility per volatility series (one
/// per option, or one per point of an underlying's surface) and a zero curve per currency. Holdings refer to them by
/// index, so one state serves many books.
/// </summary>
public sealed class MarketState
{
    private readonly double[] _spots;
    private readonly double[] _volatilities;
    private readonly ZeroCurve[] _curves;

    public MarketState(ReadOnlySpan<double> spots, ReadOnlySpan<double> volatilities, IReadOnlyList<ZeroCurve> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        foreach (double s in spots)
        {
            Guard.Positive(s, nameof(spots));
        }

        foreach (double v in volatilities)
        {
            Guard.Positive(v, nameof(volatilities));
        }

        _spots = spots.ToArray();
        _volatilities = volatilities.ToArray();
        _curves = [.. curves];
    }

    public ReadOnlySpan<double> Spots => _spots;

    public ReadOnlySpan<double> Volatilities => _volatilities;

    public IReadOnlyList<ZeroCurve> Curves => _curves;
}
