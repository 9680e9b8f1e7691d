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
        var verdict = _validator.Validate(new RawTick("EQ.AAPL", 190.5, local, 1, "test"), Now);

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
        var verdict = _validator.Validate(new RawTick("VOD.L", 7250, Now, 1, "test"), Now);

        Assert.True(verdict.IsAccepted);
        Assert.Equal("EQ.VOD", verdict.Tick.InstrumentId);
        Assert.Equal(72.5, verdict.Tick.Price, 9);
    }

    [Theory]
    [InlineData("MSFT", 100.0, 0, RejectionCodes.UnknownInstrument)]
    [InlineData("AAPL", double.NaN, 0, RejectionCodes.NaN)]
    [InlineData("AAPL", double.PositiveInfinity, 0, RejectionCodes.NaN)]
    [InlineData("AAPL", 0.0, 0, RejectionCodes.NonPositive)]
    [InlineData("AAPL", -3.0, 0, RejectionCodes.NonPositive)]
    [InlineData("AAPL", 100.0, -301, RejectionCodes.Stale)]
    [InlineData("AAPL", 100.0, 6, RejectionCodes.Future)]
    public void A_tick_that_needs_no_history_to_judge_is_rejected_with_its_reason(string instrument, double price, int secondsFromNow, string code)
    {
        var verdict = _validator.Validate(new RawTick(instrument, price, Now.AddSeconds(secondsFromNow), 1, "test"), Now);

        Assert.False(verdict.IsAccepted);
        Assert.Equal(code, verdict.Rejection.Code);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Rejection.Detail));
        Assert.StartsWith(code + ": ", verdict.Rejection.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-299, true)]
    [InlineData(4, true)]
    public void Ticks_within_the_clock_tolerances_are_accepted(int secondsFromNow, bool accepted) =>
        Assert.Equal(accepted, _validator.Validate(new RawTick("AAPL", 100, Now.AddSeconds(secondsFromNow), 1, "test"), Now).IsAccepted);

    [Fact]
    public void A_sequence_at_or_below_the_sources_last_accepted_one_is_a_duplicate()
    {
        Assert.True(_validator.Validate(new RawTick("AAPL", 100, Now, 5, "a"), Now).IsAccepted);

        var again = _validator.Validate(new RawTick("EQ.AAPL", 100.1, Now, 5, "a"), Now);
        var older = _validator.Validate(new RawTick("AAPL", 100.1, Now, 4, "a"), Now);

        Assert.Equal(RejectionCodes.Duplicate, again.Rejection?.Code);
        Assert.Equal(RejectionCodes.Duplicate, older.Rejection?.Code);
        // Sequences are per source and per instrument.
        Assert.True(_validator.Validate(new RawTick("AAPL", 100.2, Now, 5, "b"), Now).IsAccepted);
        Assert.True(_validator.Validate(new RawTick("VOD.L", 7000, Now, 5, "a"), Now).IsAccepted);
        Assert.True(_validator.Validate(new RawTick("AAPL", 100.3, Now, 6, "a"), Now).IsAccepted);
    }

    [Fact]
    public void A_rejected_tick_does_not_advance_the_high_water_mark()
    {
        Assert.Equal(RejectionCodes.NonPositive, _validator.Validate(new RawTick("AAPL", -1, Now, 7, "a"), Now).Rejection?.Code);

        Assert.True(_validator.Validate(new RawTick("AAPL", 100, Now, 7, "a"), Now).IsAccepted);
    }

    [Fact]
    public void A_tick_older_than_the_last_accepted_beyond_the_tolerance_is_out_of_order()
    {
        Assert.True(_validator.Validate(new RawTick("AAPL", 100, Now, 1, "a"), Now).IsAccepted);

        Assert.True(_validator.Validate(new RawTick("AAPL", 100, Now.AddSeconds(-2), 2, "b"), Now).IsAccepted);
        var late = _validator.Validate(new RawTick("AAPL", 100, Now.AddSeconds(-2.5), 3, "a"), Now);

        Assert.Equal(RejectionCodes.OutOfOrder, late.Rejection?.Code);
    }

    [Theory]
    [InlineData(128.0, true)]
    [InlineData(129.0, false)]
    [InlineData(78.0, true)]
    [InlineData(77.0, false)]
    public void A_move_beyond_the_jump_threshold_in_log_terms_is_an_outlier(double next, bool accepted)
    {
        // e^0.25 ≈ 1.284 and e^-0.25 ≈ 0.7788 around 100.
        Assert.True(_validator.Validate(new RawTick("AAPL", 100, Now, 1, "a"), Now).IsAccepted);

        var verdict = _validator.Validate(new RawTick("AAPL", next, Now, 2, "a"), Now);

        Assert.Equal(accepted, verdict.IsAccepted);
        if (!accepted)
        {
            Assert.Equal(RejectionCodes.JumpOutlier, verdict.Rejection?.Code);
        }
    }

    [Fact]
    public void An_outlier_is_judged_against_the_last_accepted_price_not_the_rejected_one()
    {
        _validator.Validate(new RawTick("AAPL", 100, Now, 1, "a"), Now);
        Assert.False(_validator.Validate(new RawTick("AAPL", 1000, Now, 2, "a"), Now).IsAccepted);

        Assert.True(_validator.Validate(new RawTick("AAPL", 101, Now, 3, "a"), Now).IsAccepted);
    }

    [Fact]
    public void Thresholds_come_from_the_options()
    {
        var strict = new TickValidator(TestInstruments.Lookup, new ValidationOptions { StaleAfter = TimeSpan.FromSeconds(10), JumpThreshold = 0.01 });

        Assert.Equal(RejectionCodes.Stale, strict.Validate(new RawTick("AAPL", 100, Now.AddSeconds(-11), 1, "a"), Now).Rejection?.Code);
        Assert.True(strict.Validate(new RawTick("AAPL", 100, Now, 2, "a"), Now).IsAccepted);
        Assert.Equal(RejectionCodes.JumpOutlier, strict.Validate(new RawTick("AAPL", 102, Now, 3, "a"), Now).Rejection?.Code);
    }
}
