namespace RiskRadar.Ingestion.Instruments;

public enum AssetClass
{
    Equity,
    Fx,
    Crypto,
}

/// <summary>An instrument of the simulated universe with the parameters of its price process.</summary>
/// <param name="Volatility">Annualised volatility of log returns.</param>
/// <param name="Drift">Annualised drift of the price.</param>
/// <param name="PriceScale">Multiplier from a feed's raw price to the quote currency (0.01 for pence); 1 if the file omits it.</param>
public sealed record InstrumentDefinition(
    string Id,
    string Symbol,
    AssetClass AssetClass,
    string Currency,
    double Price,
    double Volatility,
    double Drift,
    double PriceScale = 1);
