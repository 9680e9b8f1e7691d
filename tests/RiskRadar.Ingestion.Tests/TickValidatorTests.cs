using RiskRadar.Ingestion.Feeds;
using RiskRadar.Ingestion.Tests.Support;
using RiskRadar.Ingestion.Validation;

namespace RiskRadar.Ingestion.Tests;

public sealed class TickValidatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);

    private readonly TickValidator _validator = new(TestInstruments.Lookup, new ValidationOptions());

    [Fact]
    public void An_id_tick_is_accepted_unchanged_and_in_utc()
    {
        var local = new DateTimeOffset(2025, 3, 14, 16, 9, 25, TimeSpan.FromHours(1));
        var verdict = Decide(_validator, new RawTick("EQ.AAPL", 190.5, local, 1, "test"), Now);

        Assert.True(verdict.IsAccepted);
        Assert.Equal("EQ.AAPL", verdict.Tick.InstrumentId);
        Assert.Equal(190.5, verdict.Tick.Price);
        Assert.Equal(TimeSpan.Zero, verdict.Tick.Timestamp.Offset);
        Assert.Equal(Now.AddSeconds(-1), verdict.Tick.Timestamp);
        Assert.Equal(1, verdict.Tick.Sequence);
        Assert.Equal("test", verdict.Tick.Source);
    }

    [Fact]
    public void A_symbol_resolves_to_the_master_id_and_the_price_is_scaled()
    {
        var verdict = Decide(_validator, new RawTick("VOD.L", 7250, Now, 1, "test"), Now);

        Assert.True(verdict.IsAccepted);
        Assert.Equal("EQ.VOD", verdict.Tick.InstrumentId);
        Assert.Equal(72.5, verdict.Tick.Price, 9);
    }

    [Theory]
    [InlineData("MSFT", 100.0, 0, RejectionCodes.UnknownInstrument)]
    [InlineData("AAPL C200", 12.5, 0, RejectionCodes.NotPriced)]
    [InlineData("IR.USD.5Y", 150.0, 0, RejectionCodes.OutOfRange)]
    [InlineData("VOL.AAPL.3M.ATM", 0.0, 0, RejectionCodes.NonPositive)]
    [InlineData("AAPL", double.NaN, 0, RejectionCodes.NaN)]
    [InlineData("AAPL", double.PositiveInfinity, 0, RejectionCodes.NaN)]
    [InlineData("AAPL", 0.0, 0, RejectionCodes.NonPositive)]
    [InlineData("AAPL", -3.0, 0, RejectionCodes.NonPositive)]
    [InlineData("AAPL", 100.0, -301, RejectionCodes.Stale)]
    [InlineData("AAPL", 100.0, 6, RejectionCodes.Future)]
    public void A_tick_that_needs_no_history_to_judge_is_rejected_with_its_reason(string instrument, double price, int secondsFromNow, string code)
    {
        var verdict = Decide(_validator, new RawTick(instrument, price, Now.AddSeconds(secondsFromNow), 1, "test"), Now);

        Assert.False(verdict.IsAccepted);
        Assert.Equal(code, verdict.Rejection.Code);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Rejection.Detail));
        Assert.StartsWith(code + ": ", verdict.Rejection.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4.25, 0.0425)]
    [InlineData(-0.5, -0.005)]
    public void A_curve_pillar_is_quoted_as_a_rate_of_any_sign_and_published_as_its_zero_coupon_price(double quoted, double rate)
    {
        var verdict = Decide(_validator, new RawTick("USD 5Y", quoted, Now, 1, "test"), Now);

        Assert.True(verdict.IsAccepted);
        Assert.Equal("IR.USD.5Y", verdict.Tick.InstrumentId);
        Assert.Equal(100 * Math.Exp(-rate * 5), verdict.Tick.Price, 12);
    }

    [Fact]
    public void A_volatility_node_is_quoted_as_its_level()
    {
        var verdict = Decide(_validator, new RawTick("VOL.AAPL.3M.ATM", 0.27, Now, 1, "test"), Now);

        Assert.True(verdict.IsAccepted);
        Assert.Equal(0.27, verdict.Tick.Price);
    }

    [Theory]
    [InlineData(-299, true)]
    [InlineData(4, true)]
    public void Ticks_within_the_clock_tolerances_are_accepted(int secondsFromNow, bool accepted) =>
        Assert.Equal(accepted, Decide(_validator, new RawTick("AAPL", 100, Now.AddSeconds(secondsFromNow), 1, "test"), Now).IsAccepted);

    [Fact]
    public void A_sequence_at_or_below_the_sources_last_accepted_one_is_a_duplicate()
    {
        Assert.True(Decide(_validator, new RawTick("AAPL", 100, Now, 5, "a"), Now).IsAccepted);

        var again = Decide(_validator, new RawTick("EQ.AAPL", 100.1, Now, 5, "a"), Now);
        var older = Decide(_validator, new RawTick("AAPL", 100.1, Now, 4, "a"), Now);

        Assert.Equal(RejectionCodes.Duplicate, again.Rejection?.Code);
        Assert.Equal(RejectionCodes.Duplicate, older.Rejection?.Code);
        // Sequences are per source and per instrument.
        Assert.True(Decide(_validator, new RawTick("AAPL", 100.2, Now, 5, "b"), Now).IsAccepted);
        Assert.True(Decide(_validator, new RawTick("VOD.L", 7000, Now, 5, "a"), Now).IsAccepted);
        Assert.True(Decide(_validator, new RawTick("AAPL", 100.3, Now, 6, "a"), Now).IsAccepted);
    }

    [Fact]
    public void A_rejected_tick_does_not_advance_the_high_water_mark()
    {
        Assert.Equal(RejectionCodes.NonPositive, Decide(_validator, new RawTick("AAPL", -1, Now, 7, "a"), Now).Rejection?.Code);

        Assert.True(Decide(_validator, new RawTick("AAPL", 100, Now, 7, "a"), Now).IsAccepted);
    }

    [Fact]
    public void A_tick_older_than_the_last_accepted_beyond_the_tolerance_is_out_of_order()
    {
        Assert.True(Decide(_validator, new RawTick("AAPL", 100, Now, 1, "a"), Now).IsAccepted);

        Assert.True(Decide(_validator, new RawTick("AAPL", 100, Now.AddSeconds(-2), 2, "b"), Now).IsAccepted);
        var late = Decide(_validator, new RawTick("AAPL", 100, Now.AddSeconds(-2.5), 3, "a"), Now);

        Assert.Equal(RejectionCodes.OutOfOrder, late.Rejection?.Code);
    }

    [Theory]
    [InlineData(128.0)]
    [InlineData(78.0)]
    public void A_move_within_the_jump_threshold_in_log_terms_is_accepted_at_once(double next)
    {
        // e^0.25 ≈ 1.284 and e^-0.25 ≈ 0.7788 around 100.
        Assert.True(Decide(_validator, new RawTick("AAPL", 100, Now, 1, "a"), Now).IsAccepted);

        Assert.True(Decide(_validator, new RawTick("AAPL", next, Now, 2, "a"), Now).IsAccepted);
    }

    [Theory]
    [InlineData(129.0)]
    [InlineData(77.0)]
    [InlineData(1000.0)]
    public void A_single_tick_spike_that_reverts_is_dead_lettered_and_the_next_tick_accepted(double spike)
    {
        Assert.True(Decide(_validator, new RawTick("AAPL", 100, Now, 1, "a"), Now).IsAccepted);

        Assert.Empty(_validator.Validate(new RawTick("AAPL", spike, Now, 2, "a"), Now));
        var settled = _validator.Validate(new RawTick("AAPL", 101, Now, 3, "a"), Now).ToList();

        Assert.Equal([2L, 3L], settled.Select(d => d.Raw.Sequence));
        Assert.Equal(RejectionCodes.JumpOutlier, settled[0].Verdict.Rejection?.Code);
        Assert.Contains("returned to 101", settled[0].Verdict.Rejection!.Detail, StringComparison.Ordinal);
        Assert.True(settled[1].Verdict.IsAccepted);
        Assert.Equal(101, settled[1].Verdict.Tick!.Price);
    }

    [Fact]
    public void A_30_percent_gap_that_persists_is_accepted_once_confirmed_and_becomes_the_new_level()
    {
        Assert.True(Decide(_validator, new RawTick("AAPL", 100, Now, 1, "a"), Now).IsAccepted);

        Assert.Empty(_validator.Validate(new RawTick("AAPL", 70, Now, 2, "a"), Now));
        Assert.Empty(_validator.Validate(new RawTick("AAPL", 69.5, Now, 3, "a"), Now));
        var confirmed = _validator.Validate(new RawTick("AAPL", 70.2, Now, 4, "a"), Now).ToList();

        // All three held ticks are published, in order; nothing is lost.
        Assert.Equal([2L, 3L, 4L], confirmed.Select(d => d.Raw.Sequence));
        Assert.All(confirmed, d => Assert.True(d.Verdict.IsAccepted));
        Assert.Equal([70, 69.5, 70.2], confirmed.Select(d => d.Verdict.Tick!.Price));
        // The market is now at 70: a tick there passes at once, and a return to 100 is the next jump to confirm.
        Assert.True(Decide(_validator, new RawTick("AAPL", 69.8, Now, 5, "a"), Now).IsAccepted);
        Assert.Empty(_validator.Validate(new RawTick("AAPL", 100, Now, 6, "a"), Now));
    }

    [Fact]
    public void A_two_for_one_split_is_accepted_after_confirmation()
    {
        Assert.True(Decide(_validator, new RawTick("AAPL", 190, Now, 1, "a"), Now).IsAccepted);

        Assert.Empty(_validator.Validate(new RawTick("AAPL", 95, Now, 2, "a"), Now));
        Assert.Empty(_validator.Validate(new RawTick("AAPL", 95.1, Now, 3, "a"), Now));
        var confirmed = _validator.Validate(new RawTick("AAPL", 95.05, Now, 4, "a"), Now);

        Assert.Equal(3, confirmed.Count(d => d.Verdict.IsAccepted));
        Assert.True(Decide(_validator, new RawTick("AAPL", 95.2, Now, 5, "a"), Now).IsAccepted);
    }

    [Fact]
    public void A_second_source_at_the_new_level_confirms_it_at_once()
    {
        Assert.True(Decide(_validator, new RawTick("AAPL", 100, Now, 1, "a"), Now).IsAccepted);

        Assert.Empty(_validator.Validate(new RawTick("AAPL", 60, Now, 2, "a"), Now));
        var confirmed = _validator.Validate(new RawTick("AAPL", 60.1, Now, 7, "b"), Now).ToList();

        Assert.Equal(["a", "b"], confirmed.Select(d => d.Raw.Source));
        Assert.All(confirmed, d => Assert.True(d.Verdict.IsAccepted));
    }

    [Fact]
    public void Held_ticks_at_another_level_than_the_next_are_dead_lettered_and_the_next_is_held_instead()
    {
        Assert.True(Decide(_validator, new RawTick("AAPL", 100, Now, 1, "a"), Now).IsAccepted);
        Assert.Empty(_validator.Validate(new RawTick("AAPL", 150, Now, 2, "a"), Now));

        var settled = _validator.Validate(new RawTick("AAPL", 60, Now, 3, "a"), Now);
        var spike = Assert.Single(settled);
        Assert.Equal(2, spike.Raw.Sequence);
        Assert.Equal(RejectionCodes.JumpOutlier, spike.Verdict.Rejection?.Code);

        var reverted = _validator.Validate(new RawTick("AAPL", 100.5, Now, 4, "a"), Now).ToList();
        Assert.Equal([3L, 4L], reverted.Select(d => d.Raw.Sequence));
        Assert.False(reverted[0].Verdict.IsAccepted);
        Assert.True(reverted[1].Verdict.IsAccepted);
    }

    [Fact]
    public void Thresholds_come_from_the_options()
    {
        var strict = new TickValidator(TestInstruments.Lookup, new ValidationOptions { StaleAfter = TimeSpan.FromSeconds(10), JumpThreshold = 0.01 });

        Assert.Equal(RejectionCodes.Stale, Decide(strict, new RawTick("AAPL", 100, Now.AddSeconds(-11), 1, "a"), Now).Rejection?.Code);
        Assert.True(Decide(strict, new RawTick("AAPL", 100, Now, 2, "a"), Now).IsAccepted);
        Assert.Empty(strict.Validate(new RawTick("AAPL", 102, Now, 3, "a"), Now));
        Assert.Equal(RejectionCodes.JumpOutlier, strict.Validate(new RawTick("AAPL", 100.5, Now, 4, "a"), Now)[0].Verdict.Rejection?.Code);

        var eager = new TickValidator(TestInstruments.Lookup, new ValidationOptions { LevelShiftConfirmations = 1 });
        Assert.True(Decide(eager, new RawTick("AAPL", 100, Now, 1, "a"), Now).IsAccepted);
        Assert.True(Decide(eager, new RawTick("AAPL", 50, Now, 2, "a"), Now).IsAccepted);
    }

    private static TickVerdict Decide(TickValidator validator, RawTick raw, DateTimeOffset now) => Assert.Single(validator.Validate(raw, now)).Verdict;
}
