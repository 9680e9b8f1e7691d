using System.Diagnostics.Metrics;
using System.Globalization;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Instruments;
using RiskRadar.Ingestion.Feeds;
using RiskRadar.ServiceDefaults;

namespace RiskRadar.Ingestion.Validation;

/// <summary>
/// Normalises a <see cref="RawTick"/> (symbol → master id, price × price scale, timestamp → UTC) and decides whether
/// it may be published. No I/O and no clock of its own: the caller passes "now", so every rule is unit-testable.
/// Stateful per instrument (last accepted price/time, sequence high-water per source, ticks held while a jump waits
/// for confirmation) and not thread-safe: the pipeline's single consumer owns it. <see cref="CheckStateless"/> is
/// safe from any thread.
/// </summary>
/// <remarks>
/// A jump (|log(p / last accepted)| &gt; <see cref="ValidationOptions.JumpThreshold"/>) is either a bad print or the
/// market moving; one tick cannot tell which. So the jump and the ticks after it at the same level are held:
/// <see cref="ValidationOptions.LevelShiftConfirmations"/> of them, or one from a second source, confirm a level
/// shift (all are published, in order, and the new level is the reference); a tick back near the old level makes
/// them a spike (dead-lettered). Judging against the last accepted price alone would reject every tick after a real
/// gap for good.
/// </remarks>
public sealed partial class TickValidator(IInstrumentResolver instruments, ValidationOptions options, ILogger? logger = null)
{
    private static readonly Counter<long> LevelShifts = RiskRadarTelemetry.Meter.CreateCounter<long>(
        "riskradar.ingestion.level_shifts", "{shift}", "Jumps confirmed as a new price level");

    // Bounded by instruments × sources: a high-water mark per source, not a set of every sequence seen.
    private readonly Dictionary<string, InstrumentState> _state = new(StringComparer.Ordinal);
    private readonly List<TickDecision> _decisions = [];
    private readonly ILogger _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>
    /// The decisions this tick settles, in publishing order: none while it is held, its own, or also those of the
    /// ticks held before it. The list is reused by the next call.
    /// </summary>
    public IReadOnlyList<TickDecision> Validate(RawTick raw, DateTimeOffset now)
    {
        _decisions.Clear();
        var verdict = CheckStateless(raw, now);
        if (!verdict.IsAccepted)
        {
            _decisions.Add(new TickDecision(raw, verdict));
            return _decisions;
        }

        var tick = verdict.Tick;
        if (!_state.TryGetValue(tick.InstrumentId, out var state))
        {
            _state[tick.InstrumentId] = state = new InstrumentState();
        }

        if (state.HighWater.TryGetValue(raw.Source, out var highWater) && raw.Sequence <= highWater)
        {
            _decisions.Add(new TickDecision(raw, TickVerdict.Reject(RejectionCodes.Duplicate, $"sequence {raw.Sequence} of {raw.Source} is at or below {highWater}, already accepted")));
            return _decisions;
        }

        var lag = state.LastTimestamp - tick.Timestamp;
        if (state.LastPrice is not null && lag > options.OutOfOrderTolerance)
        {
            _decisions.Add(new TickDecision(raw, TickVerdict.Reject(RejectionCodes.OutOfOrder, $"{Format(tick.Timestamp)} is {lag.TotalSeconds:0.###} s before the last accepted {Format(state.LastTimestamp)}")));
            return _decisions;
        }

        state.HighWater[raw.Source] = raw.Sequence;
        if (tick.Timestamp > state.LastTimestamp)
        {
            state.LastTimestamp = tick.Timestamp;
        }

        if (state.LastPrice is not { } reference || IsNear(tick.Price, reference))
        {
            // At the reference level: whatever was held was a spike that has reverted.
            RejectHeld(state, $"the price returned to {Format(tick.Price)} near {Format(state.LastPrice ?? tick.Price)} before the move was confirmed");
            Accept(state, raw, tick);
            return _decisions;
        }

        if (state.Held.Count > 0 && !IsNear(tick.Price, state.Held[^1].Tick.Price))
        {
            RejectHeld(state, $"the next price {Format(tick.Price)} was at neither level");
        }

        state.Held.Add(new HeldTick(raw, tick, Math.Log(tick.Price / reference)));
        if (state.Held.Count >= options.LevelShiftConfirmations || state.Held.Select(h => h.Raw.Source).Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            LevelShifts.Add(1, new KeyValuePair<string, object?>("instrument", tick.InstrumentId));
            LogLevelShift(tick.InstrumentId, reference, tick.Price, state.Held.Count, string.Join(", ", state.Held.Select(h => h.Raw.Source).Distinct(StringComparer.Ordinal)));
            foreach (var held in state.Held)
            {
                Accept(state, held.Raw, held.Tick);
            }

            state.Held.Clear();
        }

        return _decisions;
    }

    /// <summary>The rules that need no history: instrument, price and clock. The push API applies them up front.</summary>
    public TickVerdict CheckStateless(RawTick raw, DateTimeOffset now)
    {
        if (!instruments.TryResolve(raw.Instrument, out var instrument))
        {
            return TickVerdict.Reject(RejectionCodes.UnknownInstrument, $"'{raw.Instrument}' is neither an id nor a symbol of the instrument master");
        }

        if (!InstrumentKinds.IsQuoted(instrument.Kind))
        {
            return TickVerdict.Reject(RejectionCodes.NotPriced, $"'{instrument.InstrumentId}' is of kind {instrument.Kind}: it is valued from its terms and its underlying's market data, not from prices");
        }

        if (!double.IsFinite(raw.Price))
        {
            return TickVerdict.Reject(RejectionCodes.NaN, $"price is {Format(raw.Price)}");
        }

        var price = raw.Price * instrument.PriceScale;
        if (!double.IsFinite(price))
        {
            return TickVerdict.Reject(RejectionCodes.NaN, $"price {Format(raw.Price)} × scale {Format(instrument.PriceScale)} is {Format(price)}");
        }

        if (instrument.Rate is { } rate)
        {
            // A curve pillar is quoted as its zero rate and published as its zero-coupon price (RateFactor says why).
            if (!(Math.Abs(price) < 1))
            {
                return TickVerdict.Reject(RejectionCodes.OutOfRange, $"a zero rate of {Format(price)} is outside (-1, 1): quote decimals (0.0425), or give the instrument priceScale 0.01 to quote percent");
            }

            price = ZeroCouponQuotes.Price(price, Tenors.Years(rate.Tenor));
        }

        if (price <= 0)
        {
            return TickVerdict.Reject(RejectionCodes.NonPositive, $"price is {Format(price)}");
        }

        var timestamp = raw.Timestamp.ToUniversalTime();
        if (timestamp > now + options.ClockSkewTolerance)
        {
            return TickVerdict.Reject(RejectionCodes.Future, $"{Format(timestamp)} is {(timestamp - now).TotalSeconds:0.###} s ahead of {Format(now)}");
        }

        if (timestamp < now - options.StaleAfter)
        {
            return TickVerdict.Reject(RejectionCodes.Stale, $"{Format(timestamp)} is older than {options.StaleAfter} before {Format(now)}");
        }

        return TickVerdict.Accept(new PriceTick(instrument.InstrumentId, price, timestamp, raw.Sequence, raw.Source));
    }

    private bool IsNear(double price, double level) => Math.Abs(Math.Log(price / level)) <= options.JumpThreshold;

    private void Accept(InstrumentState state, RawTick raw, PriceTick tick)
    {
        state.LastPrice = tick.Price;
        _decisions.Add(new TickDecision(raw, TickVerdict.Accept(tick)));
    }

    private void RejectHeld(InstrumentState state, string why)
    {
        foreach (var held in state.Held)
        {
            _decisions.Add(new TickDecision(held.Raw, TickVerdict.Reject(RejectionCodes.JumpOutlier,
                $"|log({Format(held.Tick.Price)}/{Format(state.LastPrice!.Value)})| = {Format(Math.Abs(held.LogMove))} exceeds {Format(options.JumpThreshold)} and {why}")));
        }

        state.Held.Clear();
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "level-shift",
        Message = "level-shift: {Instrument} moved from {From} to {To}, confirmed by {Ticks} ticks from {Sources}")]
    private partial void LogLevelShift(string instrument, double from, double to, int ticks, string sources);

    private readonly record struct HeldTick(RawTick Raw, PriceTick Tick, double LogMove);

    private sealed class InstrumentState
    {
        public double? LastPrice { get; set; }

        public DateTimeOffset LastTimestamp { get; set; } = DateTimeOffset.MinValue;

        public Dictionary<string, long> HighWater { get; } = new(StringComparer.Ordinal);

        public List<HeldTick> Held { get; } = [];
    }
}
