namespace RiskRadar.Analytics.Instruments.Options;

/// <summary>
/// A European option under Black-Scholes-Merton: spot S, strike K, continuously compounded rate r and dividend
/// yield q, volatility σ, and time to expiry T in years (0 on the expiry date itself: the option settles at that
/// day's close and is worth its intrinsic value).
/// </summary>
public sealed record EuropeanOption
{
    public EuropeanOption(OptionType type, double spot, double strike, double rate, double dividendYield, double volatility, double expiry)
    {
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentException($"Unknown option type {type}.", nameof(type));
        }

        Guard.Positive(spot, nameof(spot));
        Guard.Positive(strike, nameof(strike));
        Guard.Finite(rate, nameof(rate));
        Guard.Finite(dividendYield, nameof(dividendYield));
        Guard.Positive(volatility, nameof(volatility));
        Guard.NonNegative(expiry, nameof(expiry));
        Type = type;
        Spot = spot;
        Strike = strike;
        Rate = rate;
        DividendYield = dividendYield;
        Volatility = volatility;
        Expiry = expiry;
    }

    public OptionType Type { get; }

    public double Spot { get; }

    public double Strike { get; }

    public double Rate { get; }

    public double DividendYield { get; }

    public double Volatility { get; }

    public double Expiry { get; }
}
