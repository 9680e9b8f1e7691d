using System.ComponentModel.DataAnnotations;
using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Pipeline;

/// <summary>
/// Bars and portfolio windows of the risk pipeline, bound from <c>StreamProcessor:Pipeline</c>. The risk scenarios
/// are the daily scenario set's (<c>ScenarioSets</c> section), the same the on-demand path uses.
/// </summary>
public sealed class PipelineOptions : IValidatableObject
{
    public const string SectionName = "StreamProcessor:Pipeline";

    /// <summary>Length of the per-instrument price bars (<c>market.bars</c>; their closes also give the FX rates of a window end).</summary>
    public TimeSpan BarSize { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after a bar's end (in the instrument's event time) late ticks are still folded into it.</summary>
    public TimeSpan BarGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Partitions of the book topic, which the instrument tasks write every boundary to; it must be the topic's
    /// partition count (<see cref="RiskRadar.Contracts.Topics.TopicCatalog"/>); the book topic's partitioner refuses to
    /// write when it is not.
    /// </summary>
    [Range(1, 10_000)]
    public int BookPartitions { get; set; } = RiskRadar.Contracts.Topics.TopicCatalog.InputPartitions;

    /// <summary>
    /// How the instrument tasks write the book topic: JSON by default (it can be read by eye), or the binary layout
    /// (<see cref="BookInputCodec"/>), 5–20 times cheaper a record but no faster in the pipeline, where the topic carries
    /// a few hundred records a second (docs/benchmarks.md). Readers take both, so it can change on a running topic.
    /// </summary>
    public BookEncoding BookEncoding { get; set; } = BookEncoding.Json;

    /// <summary>Fewer daily scenario rows than this and the risk measures of a portfolio are left empty.</summary>
    [Range(2, 10_000)]
    public int MinScenarios { get; set; } = 20;

    /// <summary>Window kinds emitted per portfolio. Empty means <see cref="RiskWindows.Defaults"/>: 10 s tumbling, 1 min hopping by 10 s, the UTC day.</summary>
    public List<WindowSpec> Windows { get; set; } = [];

    /// <summary>
    /// A window waits until every held instrument's stream has passed its end. An instrument that stops ticking
    /// holds its portfolios back at most this long (wall clock) before the window is closed with its last price.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often books whose windows wait on a lagging input are looked at again for the stall timeout.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often an instrument task sends the books the newest prices of the instruments that ticked.</summary>
    public TimeSpan LivePriceInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often an instrument task also sends the last price of every instrument it holds, ticking or not.</summary>
    public TimeSpan LiveSnapshotInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often provisional risk of the portfolios whose prices or positions moved is recomputed and published.</summary>
    public TimeSpan LiveRefresh { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Stream-thread time the provisional refreshes may spend per <see cref="LiveRefresh"/>, shared by all the book
    /// tasks of the thread; books left over go first at the next refresh.
    /// Final windows are the product's exact figures and are never slowed down for provisional ones.
    /// </summary>
    public TimeSpan LiveBudget { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>After an idle gap, at most this much event time of missed windows is emitted; older ones are skipped.</summary>
    public TimeSpan MaxCatchUp { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Daily rows a year by asset class, for annualised volatility and Sharpe (a book takes the largest of its classes).</summary>
    public Dictionary<string, int> DaysPerYear { get; set; } = new(AssetClasses.DefaultDaysPerYear, StringComparer.OrdinalIgnoreCase);

    /// <summary>Annual risk-free rate for Sharpe.</summary>
    public double RiskFreeRate { get; set; }

    public IReadOnlyList<WindowSpec> EffectiveWindows =>
        Windows.Count > 0
            ? Windows
            : [.. RiskWindows.Defaults.Select(k => new WindowSpec { Name = k.Name, Size = k.Size, Advance = k.Advance })];

    /// <summary>Window boundaries are multiples of this step: the greatest common divisor of the advances.</summary>
    public long BoundaryStepMs => EffectiveWindows.Select(w => (long)w.Advance.TotalMilliseconds).Aggregate(Gcd);

    /// <summary>
    /// How far back a book keeps its holdings' changes and its instruments' boundary prices: the longest window no
    /// longer than <see cref="MaxCatchUp"/>. A longer window (the day) starts from the P&amp;L snapshot its book took
    /// at the window's start; keeping a day of 10 s boundaries per instrument instead would rewrite a day of prices
    /// into the store at every boundary.
    /// </summary>
    public long RetentionMs => EffectiveWindows.Select(w => (long)w.Size.TotalMilliseconds)
        .Where(size => size <= (long)MaxCatchUp.TotalMilliseconds).DefaultIfEmpty(BoundaryStepMs).Max();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BarSize < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("BarSize must be at least one second.", [nameof(BarSize)]);
        }

        if (BarGrace < TimeSpan.Zero || BarGrace >= BarSize)
        {
            yield return new ValidationResult("BarGrace must be at least zero and shorter than BarSize.", [nameof(BarGrace)]);
        }

        foreach (var window in EffectiveWindows)
        {
            if (window.Advance < TimeSpan.FromSeconds(1) || window.Size < window.Advance
                || window.Size.Ticks % window.Advance.Ticks != 0 || window.Advance.Ticks % TimeSpan.TicksPerMillisecond != 0)
            {
                yield return new ValidationResult(
                    $"Window '{window.Name}' needs an advance of whole milliseconds ≥ 1 s and a size that is a multiple of it.", [nameof(Windows)]);
            }
        }

        if (LivePriceInterval < TimeSpan.FromMilliseconds(10) || LiveRefresh < TimeSpan.FromMilliseconds(10))
        {
            yield return new ValidationResult("LivePriceInterval and LiveRefresh must be at least 10 ms.", [nameof(LivePriceInterval), nameof(LiveRefresh)]);
        }

        if (LiveSnapshotInterval < LivePriceInterval)
        {
            yield return new ValidationResult("LiveSnapshotInterval must be at least LivePriceInterval.", [nameof(LiveSnapshotInterval)]);
        }

        if (LiveBudget <= TimeSpan.Zero || LiveBudget > LiveRefresh)
        {
            yield return new ValidationResult("LiveBudget must be more than zero and at most LiveRefresh.", [nameof(LiveBudget)]);
        }

        if (BarSize.Ticks % (BoundaryStepMs * TimeSpan.TicksPerMillisecond) != 0)
        {
            // FX rates are read at bar ends from the boundary records, so a bar must end on a boundary.
            yield return new ValidationResult("BarSize must be a multiple of the windows' boundary step.", [nameof(BarSize)]);
        }

        if (DaysPerYear.Values.Any(d => d is < 1 or > 366))
        {
            yield return new ValidationResult("DaysPerYear values must be between 1 and 366.", [nameof(DaysPerYear)]);
        }

        if (EffectiveWindows.Select(w => w.Name).Distinct(StringComparer.Ordinal).Count() != EffectiveWindows.Count)
        {
            yield return new ValidationResult("Window names must be unique.", [nameof(Windows)]);
        }
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}

/// <summary>The layout of book-topic records.</summary>
public enum BookEncoding
{
    Binary,
    Json,
}

/// <summary>A window kind: tumbling when <see cref="Advance"/> equals <see cref="Size"/>, hopping otherwise.</summary>
public sealed class WindowSpec
{
    [Required]
    public string Name { get; set; } = "";

    public TimeSpan Size { get; set; }

    public TimeSpan Advance { get; set; }
}
