namespace RiskRadar.Contracts.Events;

/// <summary>
/// One closed price bar of one instrument, keyed by <see cref="InstrumentId"/> on <c>market.bars</c>. The
/// StreamProcessor closes a bar once event time passes its end plus the grace period; late ticks after that are
/// dead-lettered rather than silently changing history.
/// </summary>
/// <param name="Return">Simple return close / previous bar's close − 1; null for an instrument's first bar.</param>
public sealed record InstrumentBar(
    string InstrumentId,
    DateTimeOffset BarStart,
    DateTimeOffset BarEnd,
    double Open,
    double High,
    double Low,
    double Close,
    int Ticks,
    double? Return);
