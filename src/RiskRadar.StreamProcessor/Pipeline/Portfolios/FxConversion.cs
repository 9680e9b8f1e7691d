namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>
/// Converts a currency into a base currency with the FX pairs (<c>FX.{BASE}{QUOTE}</c>, priced in QUOTE per BASE):
/// directly, inverted, or crossed through USD. The rate at a time is the last closed bar's close, so a window's
/// valuation does not depend on when ticks arrived.
/// </summary>
public sealed class FxConversion
{
    private const string Usd = "USD";

    private readonly IReadOnlyList<(string Pair, bool Inverse)> _legs;
    private readonly IFxRates? _rates;

    private FxConversion(IReadOnlyList<(string Pair, bool Inverse)> legs, IFxRates? rates) => (_legs, _rates) = (legs, rates);

    public static FxConversion Identity { get; } = new([], null);

    /// <summary>The pairs the conversion reads.</summary>
    public IEnumerable<string> Pairs => _legs.Select(l => l.Pair);

    public bool IsIdentity => _legs.Count == 0;

    /// <returns>The conversion, or null when no pair (direct, inverse, or via USD) is quoted.</returns>
    public static FxConversion? Find(string from, string to, IFxRates rates)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return Identity;
        }

        if (Leg(from, to, rates) is { } leg)
        {
            return new FxConversion([leg], rates);
        }

        if (from != Usd && to != Usd && Leg(from, Usd, rates) is { } first && Leg(Usd, to, rates) is { } second)
        {
            return new FxConversion([first, second], rates);
        }

        return null;
    }

    /// <summary>Units of the target currency per unit of the source at <paramref name="time"/>; null before any bar closed.</summary>
    public double? RateAt(long time)
    {
        var rate = 1.0;
        foreach (var (pair, inverse) in _legs)
        {
            if (_rates!.RateAt(pair, time) is not { } close)
            {
                return null;
            }

            rate *= inverse ? 1.0 / close : close;
        }

        return rate;
    }

    private static (string, bool)? Leg(string from, string to, IFxRates rates) =>
        rates.Quotes($"FX.{from}{to}") ? ($"FX.{from}{to}", false)
        : rates.Quotes($"FX.{to}{from}") ? ($"FX.{to}{from}", true)
        : null;
}
