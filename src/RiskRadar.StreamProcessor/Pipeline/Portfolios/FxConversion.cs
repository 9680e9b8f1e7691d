namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>
/// Converts a currency into a base currency with the FX instruments' bar closes (pairs are <c>FX.{BASE}{QUOTE}</c>,
/// priced in QUOTE per BASE): directly, inverted, or crossed through USD. The rate at a time is the last closed
/// bar's close, so a window's valuation does not depend on when ticks arrived.
/// </summary>
public sealed class FxConversion
{
    private const string Usd = "USD";

    private readonly IReadOnlyList<(InstrumentScenario Pair, bool Inverse)> _legs;

    private FxConversion(IReadOnlyList<(InstrumentScenario Pair, bool Inverse)> legs) => _legs = legs;

    public static FxConversion Identity { get; } = new([]);

    public bool IsIdentity => _legs.Count == 0;

    /// <returns>The conversion, or null when no pair (direct, inverse, or via USD) has history.</returns>
    public static FxConversion? Find(string from, string to, IMarketData market)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return Identity;
        }

        if (Leg(from, to, market) is { } leg)
        {
            return new FxConversion([leg]);
        }

        if (from != Usd && to != Usd && Leg(from, Usd, market) is { } first && Leg(Usd, to, market) is { } second)
        {
            return new FxConversion([first, second]);
        }

        return null;
    }

    /// <summary>Units of the target currency per unit of the source at <paramref name="time"/>; null before any bar closed.</summary>
    public double? RateAt(long time)
    {
        var rate = 1.0;
        foreach (var (pair, inverse) in _legs)
        {
            var index = LastBarEndingBy(pair, time);
            if (index < 0)
            {
                return null;
            }

            rate *= inverse ? 1.0 / pair.Closes[index] : pair.Closes[index];
        }

        return rate;
    }

    internal static int LastBarEndingBy(InstrumentScenario scenario, long time)
    {
        for (var k = scenario.BarStarts.Length - 1; k >= 0; k--)
        {
            if (scenario.BarStarts[k] + scenario.BarSizeMs <= time)
            {
                return k;
            }
        }

        return -1;
    }

    private static (InstrumentScenario, bool)? Leg(string from, string to, IMarketData market) =>
        market.Scenario($"FX.{from}{to}") is { } direct ? (direct, false)
        : market.Scenario($"FX.{to}{from}") is { } inverse ? (inverse, true)
        : null;
}
