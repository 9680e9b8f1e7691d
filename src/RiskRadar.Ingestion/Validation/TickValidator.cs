using System.Globalization;
using RiskRadar.Contracts.Events;
using RiskRadar.Ingestion.Feeds;

namespace RiskRadar.Ingestion.Validation;

/// <summary>
/// Normalises a <see cref="RawTick"/> (symbol → master id, price × price scale, timestamp → UTC) and decides whether
/// it may be published. No I/O and no clock of its own: the caller passes "now", so every rule is unit-testable.
/// Stateful per instrument (last accepted price/time, sequence high-water per source) and not thread-safe: the
/// pipeline's single consumer owns it. <see cref="CheckStateless"/> is safe from any thread.
/// </summary>
public sealed class TickValidator(IInstrumentResolver instruments, ValidationOptions options)
{
    // Bounded by instruments × sources: a high-water mark per source, not a set of every sequence seen.
    private readonly Dictionary<string, InstrumentState> _state = new(StringComparer.Ordinal);

    public TickVerdict Validate(RawTick raw, DateTimeOffset now)
    {
        var verdict = CheckStateless(raw, now);
        if (!verdict.IsAccepted)
        {
            return verdict;
        }

        var tick = verdict.Tick;
        if (!_state.TryGetValue(tick.InstrumentId, out var state))
        {
            _state[tick.InstrumentId] = state = new InstrumentState();
        }

        if (state.HighWater.TryGetValue(raw.Source, out var highWater) && raw.Sequence <= highWater)
        {
            return TickVerdict.Reject(RejectionCodes.Duplicate, $"sequence {raw.Sequence} of {raw.Source} is at or below {highWater}, already accepted");
        }

        if (state.LastPrice is { } lastPrice)
        {
            var lag = state.LastTimestamp - tick.Timestamp;
            if (lag > options.OutOfOrderTolerance)
            {
                return TickVerdict.Reject(RejectionCodes.OutOfOrder, $"{Format(tick.Timestamp)} is {lag.TotalSeconds:0.###} s before the last accepted {Format(state.LastTimestamp)}");
            }

            var logMove = Math.Log(tick.Price / lastPrice);
            if (Math.Abs(logMove) > options.JumpThreshold)
            {
                return TickVerdict.Reject(RejectionCodes.JumpOutlier, $"|log({Format(tick.Price)}/{Format(lastPrice)})| = {Format(Math.Abs(logMove))} exceeds {Format(options.JumpThreshold)}");
            }
        }

        state.LastPrice = tick.Price;
        if (tick.Timestamp > state.LastTimestamp)
        {
            state.LastTimestamp = tick.Timestamp;
        }

        state.HighWater[raw.Source] = raw.Sequence;
        return verdict;
    }

    /// <summary>The rules that need no history: instrument, price and clock. The push API applies them up front.</summary>
    public TickVerdict CheckStateless(RawTick raw, DateTimeOffset now)
    {
        if (!instruments.TryResolve(raw.Instrument, out var instrument))
        {
            return TickVerdict.Reject(RejectionCodes.UnknownInstrument, $"'{raw.Instrument}' is neither an id nor a symbol of the instrument master");
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

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private sealed class InstrumentState
    {
        public double? LastPrice { get; set; }

        public DateTimeOffset LastTimestamp { get; set; } = DateTimeOffset.MinValue;

        public Dictionary<string, long> HighWater { get; } = new(StringComparer.Ordinal);
    }
}
