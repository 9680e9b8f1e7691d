using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Ingestion.Instruments;

/// <summary>Settings of the instrument master, bound from <c>Ingestion:Instruments</c>.</summary>
public sealed class InstrumentMasterOptions
{
    public const string SectionName = "Ingestion:Instruments";

    /// <summary>Seed file upserted into the <c>instruments</c> table at start, relative to the content root.</summary>
    [Required]
    public string SeedFile { get; set; } = "Instruments/instruments.json";
}
