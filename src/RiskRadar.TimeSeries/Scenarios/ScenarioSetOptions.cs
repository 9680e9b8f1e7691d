using System.ComponentModel.DataAnnotations;
using RiskRadar.Analytics.Scenarios;

namespace RiskRadar.TimeSeries.Scenarios;

/// <summary>How daily scenario sets are built and kept current, bound from <c>ScenarioSets</c>; the same in every service.</summary>
public sealed class ScenarioSetOptions
{
    public const string SectionName = "ScenarioSets";

    /// <summary>Daily return rows a measure uses by default (Basel: at least 250).</summary>
    [Range(20, 10_000)]
    public int Lookback { get; set; } = 500;

    /// <summary>Return rows a set keeps: the lookback and the older history stressed windows are searched in.</summary>
    [Range(20, 10_000)]
    public int Depth { get; set; } = 1_260;

    public ReturnKind ReturnKind { get; set; } = ReturnKind.Simple;

    /// <summary>Calendar days a missing close is carried forward before the instrument counts as without history.</summary>
    [Range(0, 31)]
    public int MaxFillDays { get; set; } = 5;

    /// <summary>How often a service checks whether the history changed (another service imported or closed a day).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long superseded sets stay stored, so that results naming them can be reproduced.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan KeepSupersededFor { get; set; } = TimeSpan.FromDays(30);

    public ScenarioSetParameters Parameters => new(Lookback, Math.Max(Depth, Lookback), ReturnKind, MaxFillDays);
}
