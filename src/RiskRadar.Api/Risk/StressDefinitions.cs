using RiskRadar.Analytics.Stress;

namespace RiskRadar.Api.Risk;

/// <summary>One scenario of a stress request, checked: hypothetical shocks, a historical period, or the book's worst run of days.</summary>
public abstract record StressDefinition(string Name);

/// <summary>
/// Hypothetical shocks: instrument and asset-class price shocks (the instrument's wins), currency moves on top, and
/// for books holding options, futures or bonds, implied-volatility and zero-curve shocks.
/// </summary>
public sealed record ShockDefinition(
    string Name, IReadOnlyList<Shock> PriceShocks, IReadOnlyList<CurrencyShock> CurrencyShocks,
    IReadOnlyList<VolatilityShock> VolatilityShocks, IReadOnlyList<CurveShock> CurveShocks) : StressDefinition(Name);

/// <summary>The moves of every instrument from the close of <paramref name="From"/> to the close of <paramref name="To"/>.</summary>
public sealed record PeriodDefinition(string Name, DateOnly From, DateOnly To) : StressDefinition(Name);

/// <summary>The <paramref name="Days"/> consecutive days of the history over which this book lost most.</summary>
public sealed record WorstDaysDefinition(string Name, int Days) : StressDefinition(Name);

/// <summary><paramref name="Currency"/> appreciates by <paramref name="Size"/> (0.1 = +10 %) against every other currency.</summary>
public sealed record CurrencyShock(string Currency, double Size);
