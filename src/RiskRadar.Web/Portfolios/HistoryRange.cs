namespace RiskRadar.Web.Portfolios;

/// <summary>A span of risk history to chart, and the bucket interval that keeps it to a few hundred points.</summary>
public sealed record HistoryRange(DateTimeOffset From, DateTimeOffset To)
{
    public const int MaxPoints = 300;

    private static readonly (TimeSpan Span, string Name)[] s_intervals =
    [
        (TimeSpan.FromSeconds(10), "10s"), (TimeSpan.FromMinutes(1), "1m"), (TimeSpan.FromMinutes(5), "5m"), (TimeSpan.FromMinutes(15), "15m"),
        (TimeSpan.FromHours(1), "1h"), (TimeSpan.FromHours(4), "4h"), (TimeSpan.FromDays(1), "1d"),
    ];

    public static HistoryRange LastDay(DateTimeOffset now) => new(now.AddDays(-1), now);

    public static HistoryRange LastWeek(DateTimeOffset now) => new(now.AddDays(-7), now);

    /// <summary>The finest interval giving at most <see cref="MaxPoints"/> buckets (a day at most).</summary>
    public string Interval
    {
        get
        {
            var span = To - From;
            foreach (var (length, name) in s_intervals)
            {
                if (span / length <= MaxPoints)
                {
                    return name;
                }
            }

            return "1d";
        }
    }
}
