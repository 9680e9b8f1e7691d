namespace RiskRadar.Analytics.Valuation;

/// <summary>
/// One scenario's P&amp;L by full revaluation against what the sensitivities predict: delta (ΣΔ·ΔS), gamma
/// (½ΣΓ·ΔS²), vega (Σν·Δσ) and rates (first and second order in the pillars); what they miss is unexplained
/// (cross gammas, higher orders, the volatility floor). The move is instantaneous, so there is no theta term.
/// </summary>
public sealed record PnlExplanation(double Actual, double Delta, double Gamma, double Vega, double Rates)
{
    public double Explained => Delta + Gamma + Vega + Rates;

    public double Unexplained => Actual - Explained;
}
