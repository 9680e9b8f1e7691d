namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>FX rates now, for provisional figures: each pair's newest live price, else its latest boundary price.</summary>
public sealed class LiveFxRates(IReadOnlyDictionary<string, (double Price, long Time)> live, Func<string, BoundaryTimeline?> timelines) : IFxRates
{
    public bool Quotes(string pairId) => live.ContainsKey(pairId) || timelines(pairId) is { Priced: true };

    public double? RateAt(string pairId, long time) =>
        live.TryGetValue(pairId, out var now) ? now.Price
        : timelines(pairId) is { } timeline ? timeline.Latest?.Price ?? timeline.FirstPrice
        : null;
}
