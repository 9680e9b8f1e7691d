using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Ingestion.Simulation;

/// <summary>
/// A market-wide two-state Markov chain (calm, stressed) evaluated once per simulator step; while stressed every
/// instrument's volatility is multiplied by <see cref="StressVolatilityMultiplier"/>.
/// </summary>
public sealed class RegimeOptions
{
    public bool Enabled { get; set; }

    /// <summary>Probability per step of turning stressed while calm; the expected calm spell is 1/p steps.</summary>
    [Range(0, 1)]
    public double CalmToStressed { get; set; } = 0.0005;

    /// <summary>Probability per step of calming down while stressed.</summary>
    [Range(0, 1)]
    public double StressedToCalm { get; set; } = 0.005;

    [Range(1, 20)]
    public double StressVolatilityMultiplier { get; set; } = 2.5;
}
