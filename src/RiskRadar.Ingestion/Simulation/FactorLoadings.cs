using RiskRadar.Ingestion.Instruments;

namespace RiskRadar.Ingestion.Simulation;

/// <summary>
/// Loadings of an asset class on the global market factor and on its own class factor. Correlation between
/// two instruments is g₁g₂ (+ c₁c₂ within a class): positive semi-definite by construction, no Cholesky needed.
/// </summary>
public sealed record FactorLoadings(double Global, double Class)
{
    public double Idiosyncratic => Math.Sqrt(1 - (Global * Global) - (Class * Class));

    /// <summary>
    /// Stylised defaults: equities move together, FX less so, crypto strongly within its class; curve pillars
    /// (zero-coupon prices) move together and rally when markets fall, implied volatilities rise when they fall.
    /// </summary>
    public static IReadOnlyDictionary<AssetClass, FactorLoadings> Defaults { get; } = new Dictionary<AssetClass, FactorLoadings>
    {
        [AssetClass.Equity] = new(0.45, 0.35),
        [AssetClass.Fx] = new(0.15, 0.35),
        [AssetClass.Crypto] = new(0.30, 0.60),
        [AssetClass.FixedIncome] = new(-0.25, 0.90),
        [AssetClass.Volatility] = new(-0.60, 0.50),
    };
}
