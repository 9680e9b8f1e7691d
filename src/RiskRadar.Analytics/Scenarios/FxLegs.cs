namespace RiskRadar.Analytics.Scenarios;

/// <summary>
/// The FX pairs of a scenario set that convert one currency into another (pairs are named <c>FX.{BASE}{QUOTE}</c>
/// and priced in QUOTE per BASE): none, the direct or inverted pair, or two legs crossed through USD. Every path that
/// revalues a book over a set (on demand and in the stream) finds its legs here, so both convert the same way.
/// </summary>
public static class FxLegs
{
    public const string CrossCurrency = "USD";

    /// <returns>The legs, or null when the set holds no pair converting <paramref name="from"/> into <paramref name="to"/>.</returns>
    public static IReadOnlyList<FxLeg>? Find(ScenarioSet set, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return [];
        }

        if (Leg(set, from, to) is { } direct)
        {
            return [direct];
        }

        return from != CrossCurrency && to != CrossCurrency
            && Leg(set, from, CrossCurrency) is { } first && Leg(set, CrossCurrency, to) is { } second
            ? [first, second]
            : null;
    }

    private static FxLeg? Leg(ScenarioSet set, string from, string to) =>
        set.IndexOf($"FX.{from}{to}") is >= 0 and var direct ? new FxLeg(direct, false)
        : set.IndexOf($"FX.{to}{from}") is >= 0 and var inverse ? new FxLeg(inverse, true)
        : null;
}
