using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Scenarios;

namespace RiskRadar.Api.Risk;

/// <summary>A holding valued in the base currency: its price (live when known, else the last close) times its FX rate.</summary>
/// <param name="PricedAt">When the price was observed: a live tick's time, or the close's day.</param>
/// <param name="Currency">The currency the instrument is quoted in.</param>
/// <param name="Kind">The instrument's kind when the book was valued as a multi-asset book; its local price is then per unit of quantity (an option contract, a bond).</param>
public sealed record ValuedPosition(
    string InstrumentId, string AssetClass, double Quantity, double LocalPrice, double FxRate, double Exposure, DateTimeOffset? PricedAt = null, string? Currency = null,
    string? Kind = null);

/// <summary>The names clients use for the kinds of scenarios.</summary>
public static class ScenarioKinds
{
    /// <summary>Daily returns from the current scenario set (the default).</summary>
    public const string Daily = "daily";

    /// <summary>One-minute bar returns, for horizons of minutes or hours.</summary>
    public const string Intraday = "intraday";

    public static string? Normalise(string? kind) => (kind ?? Daily).ToLowerInvariant() switch
    {
        Daily => Daily,
        Intraday => Intraday,
        _ => null,
    };
}

/// <summary>
/// What every on-demand measure of a book is computed from: its base-currency returns (daily rows of a scenario set,
/// or intraday bars), the holdings valued today, and those left out for want of history.
/// </summary>
/// <param name="PeriodsPerYear">Return rows a year for annualising; null for intraday, where it follows the bar length.</param>
/// <param name="Set">The daily scenario set, and the book's columns in it (for stressed windows); null for intraday.</param>
public sealed record BookScenarios(
    ReturnMatrix? Returns,
    IReadOnlyList<ValuedPosition> Included,
    IReadOnlyList<string> WithoutHistory,
    TimeSpan BarPeriod,
    DateTimeOffset? AsOf,
    string Kind,
    int? PeriodsPerYear,
    ScenarioSet? Set = null,
    IReadOnlyList<BookInstrument>? Columns = null,
    IReadOnlyList<int>? Rows = null)
{
    public double[] Exposures => [.. Included.Select(p => p.Exposure)];

    public string? ScenarioSetId => Set?.Id;

    public static BookScenarios Intraday(
        ReturnMatrix? returns, IReadOnlyList<ValuedPosition> included, IReadOnlyList<string> withoutHistory, TimeSpan barPeriod, DateTimeOffset? asOf) =>
        new(returns, included, withoutHistory, barPeriod, asOf, ScenarioKinds.Intraday, null);
}
