using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Pipeline;

/// <summary>What the instrument processor reads: a tick, or a position re-keyed by its instrument.</summary>
public sealed record InstrumentInput(PriceTick? Tick, PositionChange? Position);

/// <summary>
/// What reaches a portfolio from one of its instruments, in that instrument's order: a price (tick) or a
/// quantity change (position) applied at the instrument's current stream time.
/// </summary>
/// <param name="Time">Event time, Unix milliseconds.</param>
/// <param name="Price">The instrument's latest price; for a position event, null when it has not ticked yet.</param>
/// <param name="Quantity">Set on position events only.</param>
public sealed record PortfolioEvent(
    string PortfolioId,
    string InstrumentId,
    long Time,
    double? Price,
    double? Quantity = null,
    string? TenantId = null,
    string? BaseCurrency = null,
    long Version = 0)
{
    public bool IsPosition => Quantity is not null;
}

/// <summary>
/// The most recent closed bars of one instrument (start, close), keyed by instrument on a compacted topic read by
/// every portfolio task as a global table: FX rates at a boundary come from them, and how far its bars are final.
/// </summary>
/// <param name="ClosedThrough">Unix ms; every bar ending at or before this is final (closed or never to exist).</param>
public sealed record InstrumentScenario(
    string InstrumentId,
    long BarSizeMs,
    long ClosedThrough,
    long[] BarStarts,
    double[] Closes);

/// <summary>One of the instrument processor's outputs; exactly one property is set.</summary>
public sealed record InstrumentOutput(
    PortfolioEvent? PortfolioEvent = null,
    InstrumentBar? Bar = null,
    InstrumentScenario? Scenario = null,
    PriceTick? LateTick = null);
