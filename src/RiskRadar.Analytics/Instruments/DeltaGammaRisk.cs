namespace RiskRadar.Analytics.Instruments;

/// <summary>
/// Moments of the delta-gamma P&amp;L δᵀΔS + ½ΔSᵀΓΔS with ΔS ~ N(0, Σ_S), and the VaRs built on them:
/// delta-normal (gamma ignored), delta-gamma normal (z√var − mean) and delta-gamma Cornish-Fisher.
/// </summary>
public sealed record DeltaGammaRisk(
    double Mean,
    double Variance,
    double Skewness,
    double ExcessKurtosis,
    double DeltaNormalVar,
    double DeltaGammaNormalVar,
    double CornishFisherVar);
