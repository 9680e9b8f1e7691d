using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace RiskRadar.TimeSeries.History;

/// <summary>When a market's trading day ends: a local close time in its time zone, and whether weekends trade.</summary>
public sealed class SessionClose
{
    /// <summary>IANA time zone of the exchange, e.g. <c>America/New_York</c>.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Local time the day's close is taken at, <c>HH:mm</c>.</summary>
    [Required]
    public string Close { get; set; } = "00:00";

    /// <summary>True for markets that close a day on Saturdays and Sundays too (crypto).</summary>
    public bool Weekends { get; set; }

    /// <summary>The day boundaries (and the trading day each closes) after <paramref name="after"/> up to <paramref name="upTo"/>, oldest first.</summary>
    public IEnumerable<(DateOnly Day, DateTimeOffset Boundary)> Boundaries(DateTimeOffset after, DateTimeOffset upTo)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var close = TimeOnly.ParseExact(Close, "HH:mm", CultureInfo.InvariantCulture);
        // A close of 00:00 ends the previous calendar day (crypto's UTC day), any other time ends its own day.
        var endsPreviousDay = close == TimeOnly.MinValue;
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime).AddDays(-1);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(upTo, zone).DateTime).AddDays(1);
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            var day = endsPreviousDay ? date.AddDays(-1) : date;
            if (!Weekends && day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var local = date.ToDateTime(close);
            var boundary = new DateTimeOffset(local, zone.GetUtcOffset(local));
            if (boundary > after && boundary <= upTo)
            {
                yield return (day, boundary);
            }
        }
    }

    public string? Validate()
    {
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            return $"Unknown time zone '{TimeZone}'; use an IANA name such as America/New_York.";
        }

        return TimeOnly.TryParseExact(Close, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null
            : $"Close '{Close}' is not a time like 16:00.";
    }
}

/// <summary>
/// The day boundary of each market, bound from <c>History:Calendars</c>: keyed by asset class (<c>Equity</c>), or by
/// asset class and quote currency (<c>Equity:EUR</c>) where listings in that currency close elsewhere.
/// </summary>
public sealed class TradingCalendarOptions
{
    public const string SectionName = "History";

    public Dictionary<string, SessionClose> Calendars { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Equity"] = new() { TimeZone = "America/New_York", Close = "16:00" },
        ["Equity:EUR"] = new() { TimeZone = "Europe/Berlin", Close = "17:30" },
        ["Equity:GBP"] = new() { TimeZone = "Europe/London", Close = "16:30" },
        ["Equity:CHF"] = new() { TimeZone = "Europe/Zurich", Close = "17:30" },
        ["Fx"] = new() { TimeZone = "America/New_York", Close = "17:00" },
        ["Crypto"] = new() { TimeZone = "UTC", Close = "00:00", Weekends = true },

        // Market factors: curve pillars, and volatility nodes with the US equity close.
        ["FixedIncome"] = new() { TimeZone = "America/New_York", Close = "17:00" },
        ["Volatility"] = new() { TimeZone = "America/New_York", Close = "16:00" },
    };

    /// <summary>How long after a boundary the day is closed: the minute bars up to it must be final and stored first.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "06:00:00")]
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back a (re)started service closes days it may have missed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "31.00:00:00")]
    public TimeSpan CatchUp { get; set; } = TimeSpan.FromDays(7);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
