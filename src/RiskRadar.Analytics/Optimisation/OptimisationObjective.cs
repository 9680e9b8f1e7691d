namespace RiskRadar.Analytics.Optimisation;

public enum OptimisationObjective
{
    /// <summary>Minimise wᵀSw.</summary>
    MinimumVariance = 0,

    /// <summary>Maximise (μᵀw − r_f)/√(wᵀSw): the tangency portfolio.</summary>
    MaximumSharpe = 1,

    /// <summary>Equal risk contribution: w[i](Sw)[i] equal for every i (long-only by construction).</summary>
    RiskParity = 2,
}
