using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Ingestion.History;

/// <summary>The bundled default daily history, bound from <c>Ingestion:DefaultHistory</c>.</summary>
public sealed class DefaultHistoryOptions
{
    public const string SectionName = "Ingestion:DefaultHistory";

    /// <summary>Load the file when the store holds no daily history at all (a fresh stack).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Wide-layout CSV (date,ID1,ID2,…), relative to the content root.</summary>
    [Required]
    public string File { get; set; } = "History/default-history.csv";

    /// <summary>
    /// Move the file's dates forward by whole weeks (weekdays and weekends stay what they were) so that its last day
    /// is at most a week before today: the history then ends where the live stream begins.
    /// </summary>
    public bool RebaseToToday { get; set; } = true;
}
