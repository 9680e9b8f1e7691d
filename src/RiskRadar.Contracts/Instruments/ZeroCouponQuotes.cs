namespace RiskRadar.Contracts.Instruments;

/// <summary>
/// A zero-curve pillar's rate and the price it streams and is stored as: P = 100·e^(−z·T), T the tenor in years.
/// Ingestion turns a quoted rate into the price; readers turn prices and their ratio moves back into rates.
/// </summary>
public static class ZeroCouponQuotes
{
    public static double Price(double zeroRate, double years) => 100.0 * Math.Exp(-zeroRate * years);

    public static double Rate(double price, double years) => -Math.Log(price / 100.0) / years;

    /// <summary>The zero-rate change behind a simple return r of the price: Δz = −ln(1 + r)/T.</summary>
    public static double RateMove(double priceReturn, double years) => -Math.Log(1.0 + priceReturn) / years;
}
