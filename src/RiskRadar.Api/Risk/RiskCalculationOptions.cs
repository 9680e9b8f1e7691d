using System.ComponentModel.DataAnnotations;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Api.Risk;

/// <summary>On-demand calculation settings, bound from <c>Risk</c>.</summary>
public sealed class RiskCalculationOptions
{
    public const string SectionName = "Risk";

    /// <summary>
    /// What a "d" of a horizon means in bars: an equity session (6.5 h) by default, the same assumption the pipeline
    /// annualises with; 24 h for a book of markets that never close.
    /// </summary>
    public TimeSpan TradingDay { get; set; } = TimeSpan.FromHours(6.5);

    /// <summary>Trading days a year, for annualising volatility, Sharpe and Sortino.</summary>
    [Range(1, 366)]
    public int TradingDaysPerYear { get; set; } = 252;

    /// <summary>Intraday scenarios (common bars) used when a request does not say; daily ones default to the set's lookback.</summary>
    [Range(2, 100_000)]
    public int DefaultLookback { get; set; } = 500;

    [Range(2, 100_000)]
    public int MaxLookback { get; set; } = 5_000;

    /// <summary>Fewer common bars than this and the risk is not measured (too little history says nothing).</summary>
    [Range(2, 100_000)]
    public int MinScenarios { get; set; } = 20;

    [Range(1, 10_000)]
    public int MaxPositions { get; set; } = 2_000;

    [Range(100, 1_000_000)]
    public int MonteCarloPaths { get; set; } = 10_000;

    /// <summary>Annual risk-free rate for Sharpe and Sortino.</summary>
    public double RiskFreeRate { get; set; }

    /// <summary>Daily rows a year by asset class, for annualising on daily scenarios; a book takes the largest of its classes (its rows are the union of their calendars).</summary>
    public Dictionary<string, int> DaysPerYear { get; set; } = new(AssetClasses.DefaultDaysPerYear, StringComparer.OrdinalIgnoreCase);

    /// <summary>Daily rows of the stressed window (Basel 2.5: one year).</summary>
    [Range(20, 5_000)]
    public int StressedWindow { get; set; } = 250;

    /// <summary>A fixed stressed period (first and last day) instead of the worst window of the history.</summary>
    public DateOnly? StressedFrom { get; set; }

    public DateOnly? StressedTo { get; set; }

    public int PeriodsPerYear(TimeSpan barPeriod) =>
        (int)Math.Max(1, Math.Round(TradingDaysPerYear * TradingDay.TotalSeconds / barPeriod.TotalSeconds));
}
