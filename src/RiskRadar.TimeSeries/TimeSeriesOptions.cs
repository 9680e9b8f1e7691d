using System.ComponentModel.DataAnnotations;

namespace RiskRadar.TimeSeries;

/// <summary>Settings of the time-series store, bound from the <c>TimeSeries</c> section.</summary>
public sealed class TimeSeriesOptions
{
    public const string SectionName = "TimeSeries";

    /// <summary>
    /// Hypertable chunk width in TimescaleDB mode. Native partitions are always one UTC day wide, so that their
    /// names and bounds stay predictable for the retention sweep.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan ChunkInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Age after which TimescaleDB compresses chunks; ignored in native mode.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan CompressAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Age after which history is dropped (by policy in TimescaleDB, by dropping partitions natively).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Age after which daily bars are deleted, in both layouts. Years, not the intraday tables' months: a scenario
    /// set's depth (<c>ScenarioSets:Depth</c>, 1,260 business days by default, five years) must stay inside it.
    /// </summary>
    [Range(typeof(TimeSpan), "730.00:00:00", "36500.00:00:00")]
    public TimeSpan DailyRetention { get; set; } = TimeSpan.FromDays(3653);

    /// <summary>How far ahead of now native partitions exist, so live writes never wait for DDL.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "366.00:00:00")]
    public TimeSpan PartitionsAhead { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the maintenance service applies the daily retention and, in native mode, creates partitions ahead and drops expired ones.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);
}
