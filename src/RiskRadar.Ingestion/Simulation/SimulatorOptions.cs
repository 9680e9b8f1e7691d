using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Ingestion.Simulation;

/// <summary>Settings of the market simulator feed, bound from <c>Ingestion:Feeds:Simulator</c>.</summary>
public sealed class SimulatorOptions : IValidatableObject
{
    public const string SectionName = "Ingestion:Feeds:Simulator";

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

    public RegimeOptions Regimes { get; set; } = new();

    public JumpOptions Jumps { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TickInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("TickInterval must be positive.", [nameof(TickInterval)]);
        }

        // Data annotations do not recurse into nested objects.
        foreach (var (name, child) in new (string, object)[] { (nameof(Regimes), Regimes), (nameof(Jumps), Jumps) })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(child, new ValidationContext(child), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"{name}: {result.ErrorMessage}", [.. result.MemberNames.Select(m => $"{name}.{m}")]);
            }
        }
    }
}
