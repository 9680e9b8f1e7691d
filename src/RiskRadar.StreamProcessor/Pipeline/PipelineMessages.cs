using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Pipeline;

/// <summary>What the instrument processor reads: a tick, or a position re-keyed by its instrument.</summary>
public sealed record InstrumentInput(PriceTick? Tick, PositionChange? Position);

/// <summary>
/// A record of the book topic (<c>riskradar-stream-book-inputs</c>), keyed by the book partition it is for; exactly one
/// property is set. Boundaries and live prices go to every partition (each book task holds nearly every instrument),
/// a holding change only to its portfolio's. All come from the instrument's task, so within a partition they keep the
/// instrument's own order: a change is always read after the boundaries its instrument had crossed before it.
/// </summary>
public sealed record BookInput(InstrumentBoundary? Boundary = null, HoldingChange? Change = null, LivePrices? Prices = null);

/// <summary>
/// The newest price of each instrument of one instrument task that ticked since its previous batch (every
/// <c>LivePriceInterval</c>): what provisional risk is computed from. Final windows never read it.
/// </summary>
/// <param name="Times">Event time of each price (Unix ms).</param>
public sealed record LivePrices(string[] InstrumentIds, double[] Prices, long[] Times);

/// <summary>
/// An instrument's stream crossed the window boundaries <paramref name="From"/>…<paramref name="Through"/> (a
/// multiple of the boundary step; more than one after a gap in its ticks) with this last price before them.
/// </summary>
/// <param name="From">First boundary crossed (Unix ms); <see cref="long.MinValue"/> on the instrument's first record.</param>
/// <param name="Price">Price of the newest tick before <paramref name="From"/>; null when it had not ticked before.</param>
/// <param name="PriceTime">Event time of that tick (Unix ms).</param>
/// <param name="Opening">
/// On the instrument's first record only: the price of the tick that follows it, its first ever. A holding taken
/// before it traded counts P&amp;L from there.
/// </param>
public sealed record InstrumentBoundary(string InstrumentId, long From, long Through, double? Price, long PriceTime, double? Opening = null);

/// <summary>
/// A position change, placed in its instrument's stream: it happened after the boundaries that instrument had crossed
/// and at its latest price (<paramref name="Price"/>, null before the first tick).
/// </summary>
/// <param name="Time">The instrument's stream time at the change (its newest tick, or the change's own time before any tick).</param>
public sealed record HoldingChange(
    string PortfolioId,
    string InstrumentId,
    double Quantity,
    long Version,
    string TenantId,
    string BaseCurrency,
    double? Price,
    long Time);

/// <summary>One of the instrument processor's outputs; exactly one property is set.</summary>
/// <param name="BookPartition">With <paramref name="Book"/>: the book-topic partition it is written to.</param>
public sealed record InstrumentOutput(
    BookInput? Book = null,
    int BookPartition = 0,
    InstrumentBar? Bar = null,
    PriceTick? LateTick = null);
