using RiskRadar.Analytics.Risk;

namespace RiskRadar.Analytics.Instruments.Options;

/// <summary>
/// Closed-form Black-Scholes-Merton with continuous r and q:
/// d1 = [ln(S/K) + (r − q + σ²/2)T]/(σ√T), d2 = d1 − σ√T, call = S e^(−qT) N(d1) − K e^(−rT) N(d2).
/// Theta is rV − (r−q)SΔ − ½σ²S²Γ, the identity QuantLib's BlackCalculator uses.
/// </summary>
public static class BlackScholesMerton
{
    public static OptionValuation Value(EuropeanOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        double s = option.Spot, k = option.Strike, r = option.Rate, q = option.DividendYield, v = option.Volatility, t = option.Expiry;
        if (t == 0.0)
        {
            return AtExpiry(option);
        }

        double sqrtT = Math.Sqrt(t);
        double stdDev = v * sqrtT;
        double dr = Math.Exp(-r * t), dq = Math.Exp(-q * t);
        double d1 = (Math.Log(s / k) + ((r - q + (0.5 * v * v)) * t)) / stdDev;
        double d2 = d1 - stdDev;
        double pdf = NormalDistribution.Density(d1);
        double sign = option.Type == OptionType.Call ? 1.0 : -1.0;
        double nd1 = NormalDistribution.Cdf(sign * d1);
        double nd2 = NormalDistribution.Cdf(sign * d2);

        double price = sign * ((s * dq * nd1) - (k * dr * nd2));
        double delta = sign * dq * nd1;
        double gamma = dq * pdf / (s * stdDev);
        double vega = s * dq * pdf * sqrtT;
        double rho = sign * t * k * dr * nd2;
        double dividendRho = -sign * t * s * dq * nd1;
        double theta = (r * price) - ((r - q) * s * delta) - (0.5 * v * v * s * s * gamma);
        return new OptionValuation(price, delta, gamma, vega, theta, rho, dividendRho);
    }

    /// <summary>
    /// On the expiry date: the intrinsic value, and greeks as T → 0 (delta ±1 in the money, 0 out of it, ±½ at the
    /// money; the rest 0: nothing is left to decay or discount). QuantLib returns the same price and NaN greeks.
    /// </summary>
    private static OptionValuation AtExpiry(EuropeanOption option)
    {
        double sign = option.Type == OptionType.Call ? 1.0 : -1.0;
        double moneyness = sign * (option.Spot - option.Strike);
        double delta = moneyness > 0.0 ? sign : moneyness == 0.0 ? 0.5 * sign : 0.0;
        return new OptionValuation(Math.Max(moneyness, 0.0), delta, 0.0, 0.0, 0.0, 0.0, 0.0);
    }
}
