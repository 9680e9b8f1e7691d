using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Web.Formatting;
using RiskRadar.Web.Gateway;
using RiskRadar.Web.Live;
using RiskRadar.Web.Portfolios;

namespace RiskRadar.Web.Tests;

public sealed class LiveFiguresTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    internal static RiskAggregate Window(DateTimeOffset end, double value) => new(
        "p1", "demo", "10s", end.AddSeconds(-10), end, "USD", value, 12.5, value, value, new Dictionary<string, double> { ["Equity"] = value },
        100, 200, 110, 210, 230, 0.2, 1.1, 0.05, 500, 2, [], end, "set-1", 7);

    internal static ProvisionalRisk Provisional(DateTimeOffset asOf, double value) => new(
        "p1", "demo", "USD", asOf, value, -3, s_t0, value, value, new Dictionary<string, double> { ["Equity"] = value },
        101, 201, 211, 0.21, 500, 2, [], asOf, "set-1", 7);

    [Fact]
    public void The_live_feeds_messages_are_read_as_the_stream_processor_wrote_them()
    {
        // The writers' own serializers (LatestRiskCache and ProvisionalRiskCache publish exactly these bytes).
        var window = LiveRiskMessages.Read(EventSerializers.RiskAggregate.Serialize(Window(s_t0, 1000), default));
        var provisional = LiveRiskMessages.Read(EventSerializers.ProvisionalRisk.Serialize(Provisional(s_t0, 1000), default));
        Assert.Equal(200, window.Window!.Var99);
        Assert.Null(window.Provisional);
        Assert.Equal(201, provisional.Provisional!.Var99);
        Assert.Null(provisional.Window);
        Assert.Throws<InvalidEventException>(() => LiveRiskMessages.Read("not json"u8));
    }

    [Fact]
    public void The_newest_figures_in_event_time_are_shown_whichever_kind_they_are()
    {
        var row = new LiveFigures("p1", "book", "USD");
        Assert.True(row.Apply(Window(s_t0, 1000), s_t0));
        Assert.True(row.Apply(Provisional(s_t0.AddSeconds(3), 1010), s_t0.AddSeconds(3)));
        Assert.Equal(("provisional", 1010d), (row.Source, row.MarketValue!.Value));

        // A late window that ended before the provisional figures' prices changes nothing shown, but counts as heard from.
        Assert.False(row.Apply(Window(s_t0.AddSeconds(-10), 990), s_t0.AddSeconds(4)));
        Assert.Equal(1010, row.MarketValue);
        Assert.Equal(s_t0.AddSeconds(4), row.ReceivedAt);

        Assert.True(row.Apply(Window(s_t0.AddSeconds(10), 1020), s_t0.AddSeconds(11)));
        Assert.Equal(("10s", 1020d, 210d), (row.Source, row.MarketValue!.Value, row.Es975!.Value));
    }

    [Theory]
    [InlineData(500, 1000, LimitLevel.Within)]
    [InlineData(800, 1000, LimitLevel.Near)]
    [InlineData(1000, 1000, LimitLevel.Near)]
    [InlineData(1000.01, 1000, LimitLevel.Breached)]
    public void Limit_use_is_the_figure_over_the_tightest_enabled_rule(double value, double threshold, LimitLevel level)
    {
        AlertRuleDto[] rules =
        [
            Rule("p1", "var99", threshold, enabled: true),
            Rule(null, "var99", threshold * 2, enabled: true),
            Rule("p1", "var99", threshold / 10, enabled: false),
            Rule("p2", "var99", threshold / 10, enabled: true),
            Rule("p1", "es975", threshold / 10, enabled: true),
        ];
        var use = LimitUtilisation.For("p1", "var99", value, rules)!;
        Assert.Equal(level, use.Level);
        Assert.Equal(value / threshold, use.Fraction, 12);
    }

    [Fact]
    public void Without_a_rule_or_a_figure_there_is_no_limit_use()
    {
        Assert.Null(LimitUtilisation.For("p1", "var99", 100, []));
        Assert.Null(LimitUtilisation.For("p1", "var99", null, [Rule("p1", "var99", 10, true)]));
        Assert.Equal(100 / 50d, LimitUtilisation.For("p1", "var99", 100, [Rule(null, "var99", 50, true)])!.Fraction);
    }

    [Theory]
    [InlineData(1, "5m")]
    [InlineData(7, "1h")]
    [InlineData(0.02, "10s")]
    [InlineData(90, "1d")]
    public void A_history_range_asks_for_at_most_three_hundred_points(double days, string interval) =>
        Assert.Equal(interval, new HistoryRange(s_t0.AddDays(-days), s_t0).Interval);

    private static AlertRuleDto Rule(string? portfolio, string metric, double threshold, bool enabled) =>
        new(Guid.NewGuid().ToString(), portfolio, metric, threshold, null, null, enabled, 1, s_t0, null);
}
