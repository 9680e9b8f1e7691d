namespace RiskRadar.Contracts.Events;

/// <summary>
/// One normalised price observation, keyed on <c>market.prices</c> by <see cref="InstrumentId"/>.
/// </summary>
/// <param name="InstrumentId">Instrument master id, e.g. <c>EQ.AAPL</c>, <c>FX.EURUSD</c>, <c>CR.BTCUSD</c>.</param>
/// <param name="Price">Positive price in the instrument's quote currency.</param>
/// <param name="Timestamp">Event time, UTC.</param>
/// <param name="Sequence">Per-instrument sequence number from the feed; (instrument, sequence) identifies a tick.</param>
/// <param name="Source">The feed that produced the tick (simulator, replay, push).</param>
public sealed record PriceTick(
    string InstrumentId,
    double Price,
    DateTimeOffset Timestamp,
    long Sequence,
    string Source);
