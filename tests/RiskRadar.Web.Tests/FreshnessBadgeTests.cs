using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RiskRadar.Web.Components.Shared;

namespace RiskRadar.Web.Tests;

public sealed class FreshnessBadgeTests : BunitContext
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    public FreshnessBadgeTests() => Services.AddSingleton<TimeProvider>(_time);

    [Fact]
    public void Before_any_figure_it_says_it_is_waiting()
    {
        var badge = Render<FreshnessBadge>(p => p.Add(b => b.LastUpdate, null));
        Assert.Contains("waiting for figures", badge.Markup, StringComparison.Ordinal);
        Assert.Contains("none", badge.Find("span").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recent_figure_shows_its_age_and_turns_stale_after_the_limit()
    {
        var last = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(12));
        var badge = Render<FreshnessBadge>(p => p.Add(b => b.LastUpdate, last).Add(b => b.StaleAfter, TimeSpan.FromSeconds(30)));
        Assert.Equal("12 s ago", badge.Find("span").TextContent.Trim());
        Assert.Contains("fresh", badge.Find("span").ClassName, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(19));
        badge.Render();
        Assert.Equal("stale · 31 s ago", badge.Find("span").TextContent.Trim());
        Assert.Contains("stale", badge.Find("span").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pages_clock_tick_is_used_when_given()
    {
        var last = _time.GetUtcNow();
        var badge = Render<FreshnessBadge>(p => p.Add(b => b.LastUpdate, last).Add(b => b.At, last.AddSeconds(45)).Add(b => b.StaleAfter, TimeSpan.FromSeconds(30)));
        Assert.Equal("stale · 45 s ago", badge.Find("span").TextContent.Trim());
    }
}
