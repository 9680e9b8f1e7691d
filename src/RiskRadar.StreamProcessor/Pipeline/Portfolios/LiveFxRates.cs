namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>FX rates now, for provisional figures: each pair's newest live price, else its latest boundary price.</summary>
public sealed class LiveFxRates(IReadOnlyDictionary<string, (double Price, long Time)> live, Func<string, BoundaryTimeline?> timelines) : IFxRates
{
    public bool Quotes(string pairId) => live.ContainsKey(pairId) || timelines(pairId) is { Priced: true };

    public double? RateAt(string pairId, long time) => PriceOf(pairId)?.Price;

    /// <summary>The pair's price and its event time (<see cref="long.MinValue"/> for a boundary price).</summary>
    public (double Price, long Time)? PriceOf(string pairId) =>
        live.TryGetValue(pairId, out var now) ? now
        : timelines(pairId) is { } timeline && (timeline.Latest?.Price ?? timeline.FirstPrice) is { } price ? (price, long.MinValue)
        : null;
}
