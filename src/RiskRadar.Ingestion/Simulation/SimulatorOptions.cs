using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Ingestion.Simulation;

/// <summary>Settings of the market simulator feed, bound from <c>Ingestion:Simulator</c>.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Ingestion:Simulator";

    public bool Enabled { get; set; } = true;

    public int Seed { get; set; } = 20261124;

    /// <summary>Wall-clock time between rounds; each round emits one tick per instrument.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Simulated seconds per wall-clock second: 1 is real time, larger values speed the market up.</summary>
    [Range(1e-6, 1e9)]
    public double TimeScale { get; set; } = 1;

    /// <summary>Universe file, relative to the content root.</summary>
    [Required]
    public string UniverseFile { get; set; } = "Instruments/instruments.json";
}
