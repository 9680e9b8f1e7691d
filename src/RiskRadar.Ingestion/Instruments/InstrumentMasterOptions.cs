using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Ingestion.Instruments;

/// <summary>Settings of the instrument master, bound from <c>Ingestion:Instruments</c>.</summary>
public sealed class InstrumentMasterOptions
{
    public const string SectionName = "Ingestion:Instruments";

    /// <summary>Seed file upserted into the <c>instruments</c> table at start, relative to the content root.</summary>
    [Required]
    public string SeedFile { get; set; } = "Instruments/instruments.json";

    /// <summary>
    /// How often the table is read again for records added or changed elsewhere (the Api's contracts, operators),
    /// which are then published to <c>reference.instruments</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
