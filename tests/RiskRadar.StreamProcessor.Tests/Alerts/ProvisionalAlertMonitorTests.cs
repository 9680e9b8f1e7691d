using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskRadar.Alerts;
using RiskRadar.Contracts.Events;
using RiskRadar.StreamProcessor.Sinks.Alerts;
using static RiskRadar.StreamProcessor.Tests.Alerts.AlertTestData;

namespace RiskRadar.StreamProcessor.Tests.Alerts;

[Collection(AlertPostgresCollection.Name)]
public sealed class ProvisionalAlertMonitorTests(AlertPostgresFixture postgres)
{
    private readonly string _tenant = "T-" + Guid.NewGuid().ToString("N")[..8];
    private readonly RecordingAlertPublisher _publisher = new();

    private AlertRuleOptions Var99Rule(TimeSpan? holdDown = null) => new()
    {
        RuleId = _tenant + "-live-var99",
        TenantId = _tenant,
        Metric = AlertMetrics.Var99,
        Threshold = 10_000,
        Window = ProvisionalAlerts.Window,
        HoldDown = holdDown ?? TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task A_figure_flickering_across_the_threshold_raises_nothing_and_one_held_for_the_hold_down_raises_and_clears_once()
    {
        var monitor = await MonitorWithRulesAsync(Var99Rule());

        // Every 5 s for a minute, above and below in turn: never 30 s across the line.
        await monitor.EvaluateAsync([.. Enumerable.Range(0, 12).Select(k => Figure(k * 5, k % 2 == 0 ? 12_000 : 9_000, tenantId: _tenant))], default);
        Assert.Empty(await StoredAlertsAsync(postgres.DataSource, _tenant));

        // Above from 60 s on, a refresh without VaR in between (too little history says nothing): raised at 90 s.
        await monitor.EvaluateAsync([Figure(60, 12_000, tenantId: _tenant), Figure(70, 13_000, tenantId: _tenant), Figure(80, null, tenantId: _tenant)], default);
        await monitor.EvaluateAsync([Figure(85, 14_000, tenantId: _tenant), Figure(90, 15_000, tenantId: _tenant), Figure(95, 16_000, tenantId: _tenant)], default);
        // Below from 100 s, back above at 120 s (the clear's run starts again), below from 125 s: cleared at 155 s.
        await monitor.EvaluateAsync([.. new[] { (100, 9_000.0), (110, 8_000), (120, 11_000), (125, 9_500), (150, 9_000), (155, 8_500), (160, 8_000) }
            .Select(f => Figure(f.Item1, f.Item2, tenantId: _tenant))], default);

        var events = await StoredAlertsAsync(postgres.DataSource, _tenant);
        Assert.Collection(
            events,
            e => Assert.Equal((AlertStates.Breach, 15_000.0, Start.AddSeconds(90)), (e.State, e.Value, e.WindowEnd)),
            e => Assert.Equal((AlertStates.Clear, 8_500.0, Start.AddSeconds(155)), (e.State, e.Value, e.WindowEnd)));
        Assert.All(events, e => Assert.Equal((ProvisionalAlerts.Window, "P1", 10_000.0), (e.Window, e.PortfolioId, e.Threshold)));
        Assert.Equal(events.Select(e => e.AlertId), _publisher.Published.Select(a => a.AlertId));
        Assert.Equal(AlertIds.For(_tenant + "-live-var99", "P1", ProvisionalAlerts.Window, Start.AddSeconds(90), AlertStates.Breach), events[0].AlertId);
    }

    [Fact]
    public async Task A_restarted_monitor_reads_the_breach_back_so_it_neither_raises_again_nor_misses_the_clear()
    {
        var rule = Var99Rule(TimeSpan.FromSeconds(10));
        await (await MonitorWithRulesAsync(rule)).EvaluateAsync([Figure(0, 20_000, tenantId: _tenant), Figure(10, 20_000, tenantId: _tenant)], default);

        var restarted = await MonitorWithRulesAsync(rule);
        await restarted.EvaluateAsync([Figure(20, 20_000, tenantId: _tenant), Figure(40, 20_000, tenantId: _tenant)], default);
        await restarted.EvaluateAsync([Figure(50, 1_000, tenantId: _tenant), Figure(60, 1_000, tenantId: _tenant)], default);

        Assert.Equal(
            [(AlertStates.Breach, Start.AddSeconds(10)), (AlertStates.Clear, Start.AddSeconds(60))],
            (await StoredAlertsAsync(postgres.DataSource, _tenant)).Select(e => (e.State, e.WindowEnd)));
    }

    [Fact]
    public async Task Provisional_rules_watch_only_figures_and_window_rules_only_window_aggregates()
    {
        var windowRule = new AlertRuleOptions { RuleId = _tenant + "-final", TenantId = _tenant, Metric = AlertMetrics.Var99, Threshold = 10_000 };
        var monitor = await MonitorWithRulesAsync(windowRule, Var99Rule(TimeSpan.Zero));
        await monitor.EvaluateAsync([Figure(0, 50_000, tenantId: _tenant), Figure(1, 50_000, tenantId: "T-other")], default);
        var wrapped = Options.Create(new AlertOptions());
        var cache = new AlertRuleCache(postgres.DataSource, wrapped, TimeProvider.System, NullLogger<AlertRuleCache>.Instance);
        await new AlertSink(postgres.DataSource, cache, _publisher, wrapped, TimeProvider.System, NullLogger<AlertSink>.Instance)
            .WriteAsync([Aggregate(tenantId: _tenant, window: RiskWindows.OneMinute, var99: 50_000)], [], default);

        Assert.Equal(
            [(_tenant + "-final", RiskWindows.OneMinute), (_tenant + "-live-var99", ProvisionalAlerts.Window)],
            (await StoredAlertsAsync(postgres.DataSource, _tenant)).Select(e => (e.RuleId, e.Window)).Order());
    }

    private async Task<ProvisionalAlertMonitor> MonitorWithRulesAsync(params AlertRuleOptions[] rules)
    {
        var options = new AlertOptions { Rules = [.. rules] };
        await AlertRuleStore.SeedAsync(postgres.DataSource, options, default);
        var wrapped = Options.Create(options);
        var cache = new AlertRuleCache(postgres.DataSource, wrapped, TimeProvider.System, NullLogger<AlertRuleCache>.Instance);
        return new ProvisionalAlertMonitor(postgres.DataSource, cache, _publisher, wrapped, TimeProvider.System, NullLogger<ProvisionalAlertMonitor>.Instance);
    }
}
