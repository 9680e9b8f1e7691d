namespace RiskRadar.Analytics.Valuation;

public enum RevaluationMethod
{
    /// <summary>Every instrument repriced under each scenario's spots, volatilities and curves.</summary>
    Full = 0,

    /// <summary>
    /// Second-order Taylor expansion from the book's sensitivities: delta and gamma per underlying, vega per
    /// volatility series, first and second order in the curve pillars. Cheap (its cost does not grow with the
    /// number of positions), close for small moves, wrong for large ones (docs/analytics.md shows by how much).
    /// </summary>
    DeltaGamma = 1,
}
