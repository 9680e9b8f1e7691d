namespace RiskRadar.Ingestion.Feeds;

/// <summary>
/// A price as a feed delivered it, before normalisation: the instrument may be a master id or a symbol, the price
/// is in the feed's units (see <c>PriceScale</c>) and the timestamp in any offset.
/// </summary>
/// <param name="Instrument">Master id (<c>EQ.AAPL</c>) or symbol (<c>AAPL</c>).</param>
/// <param name="Sequence">Per instrument and source; a sequence at or below the last accepted one is a duplicate.</param>
/// <param name="Source">The feed that delivered it, e.g. <c>simulator</c>, <c>replay</c>, <c>push:vendor-a</c>.</param>
public sealed record RawTick(
    string Instrument,
    double Price,
    DateTimeOffset Timestamp,
    long Sequence,
    string Source);
