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
public sealed record InstrumentDefinition(
    string Id,
    string Symbol,
    AssetClass AssetClass,
    string Currency,
    double Price,
    double Volatility,
    double Drift);
