using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Ingestion.Simulation;

/// <summary>
/// Merton jumps: per instrument a Poisson number of jumps per step with <see cref="Intensity"/> per simulated year,
/// each adding a normal log-jump N(<see cref="Mean"/>, <see cref="StdDev"/>²); a step's jumps together are clamped to
/// ±<see cref="MaxLogJump"/>.
/// </summary>
public sealed class JumpOptions
{
    public bool Enabled { get; set; }

    /// <summary>Expected jumps per instrument per simulated year.</summary>
    [Range(0, 1e6)]
    public double Intensity { get; set; } = 20;

    [Range(-1, 1)]
    public double Mean { get; set; } = -0.01;

    [Range(0, 1)]
    public double StdDev { get; set; } = 0.04;

    /// <summary>
    /// Largest |log-jump|. Stays below the validator's default <c>JumpThreshold</c> (0.25) so that the simulator's own
    /// jumps are not dead-lettered as outliers; raise both together.
    /// </summary>
    [Range(0, 5)]
    public double MaxLogJump { get; set; } = 0.2;
}
