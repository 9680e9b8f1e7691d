using RiskRadar.TimeSeries.History;

namespace RiskRadar.TimeSeries.Tests;

public sealed class TradingCalendarTests
{
    private static readonly TradingCalendarOptions s_defaults = new();

    [Fact]
    public void New_York_closes_at_four_in_local_time_across_daylight_saving_and_skips_weekends()
    {
        var boundaries = s_defaults.Calendars["Equity"]
            .Boundaries(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero))
            .ToList();
        Assert.Equal(
            [
                (new DateOnly(2026, 3, 5), new DateTimeOffset(2026, 3, 5, 21, 0, 0, TimeSpan.Zero)),
                (new DateOnly(2026, 3, 6), new DateTimeOffset(2026, 3, 6, 21, 0, 0, TimeSpan.Zero)),
                // Daylight saving starts on 8 March: the same 16:00 is an hour earlier in UTC.
                (new DateOnly(2026, 3, 9), new DateTimeOffset(2026, 3, 9, 20, 0, 0, TimeSpan.Zero)),
                (new DateOnly(2026, 3, 10), new DateTimeOffset(2026, 3, 10, 20, 0, 0, TimeSpan.Zero)),
            ],
            boundaries);
    }

    [Fact]
    public void Crypto_closes_every_day_at_midnight_UTC_and_the_boundary_ends_the_previous_day()
    {
        var boundaries = s_defaults.Calendars["Crypto"]
            .Boundaries(new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero))
            .ToList();
        Assert.Equal(
            [
                (new DateOnly(2026, 3, 6), new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.Zero)),
                (new DateOnly(2026, 3, 7), new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.Zero)),
                (new DateOnly(2026, 3, 8), new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero)),
            ],
            boundaries);
    }

    [Fact]
    public void A_calendar_with_an_unknown_zone_or_a_bad_time_says_so()
    {
        Assert.Contains("Unknown time zone", new SessionClose { TimeZone = "Mars/Olympus" }.Validate(), StringComparison.Ordinal);
        Assert.Contains("not a time", new SessionClose { Close = "4pm" }.Validate(), StringComparison.Ordinal);
        Assert.All(s_defaults.Calendars.Values, c => Assert.Null(c.Validate()));
    }
}
