using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskRadar.Alerts;
using RiskRadar.Contracts.Events;
using RiskRadar.StreamProcessor.Sinks.Alerts;
using static RiskRadar.StreamProcessor.Tests.Alerts.AlertTestData;

namespace RiskRadar.StreamProcessor.Tests.Alerts;

[Collection(AlertPostgresCollection.Name)]
public sealed class AlertSinkTests(AlertPostgresFixture postgres)
{
    private readonly string _tenant = "T-" + Guid.NewGuid().ToString("N")[..8];
    private readonly RecordingAlertPublisher _publisher = new();

    [Fact]
    public async Task A_rising_then_falling_var99_raises_one_breach_and_one_clear()
    {
        var sink = await SinkWithRulesAsync(new AlertRuleOptions { RuleId = _tenant + "-var99", TenantId = _tenant, Metric = AlertMetrics.Var99, Threshold = 10_000 });
        double[] series = [5_000, 8_000, 12_000, 15_000, 11_000, 9_000, 7_000, 6_000];
        var aggregates = series.Select((v, i) => Aggregate(tenantId: _tenant, minute: i + 1, var99: v)).ToList();

        // Batches of three, and the windows of each batch out of order: the sink orders them by window end.
        foreach (var batch in aggregates.Chunk(3))
        {
            await sink.WriteAsync([.. batch.Reverse()], [], default);
        }

        var events = await EventsAsync();
        Assert.Collection(
            events,
            e => Assert.Equal((AlertStates.Breach, 12_000.0, Start.AddMinutes(3)), (e.State, e.Value, e.WindowEnd)),
            e => Assert.Equal((AlertStates.Clear, 9_000.0, Start.AddMinutes(6)), (e.State, e.Value, e.WindowEnd)));
        Assert.Equal(events.Select(e => e.AlertId), _publisher.Published.Select(a => a.AlertId));
        Assert.All(_publisher.Published, a => Assert.Equal((_tenant, "P1", "1m", 10_000.0), (a.TenantId, a.PortfolioId, a.Window, a.Threshold)));
        Assert.Equal(AlertIds.For(_tenant + "-var99", "P1", "1m", Start.AddMinutes(3), AlertStates.Breach), events[0].AlertId);
    }

    [Fact]
    public async Task Writing_the_same_batch_again_raises_nothing_new_and_republishes_the_same_alerts()
    {
        var sink = await SinkWithRulesAsync(new AlertRuleOptions { RuleId = _tenant + "-var99", TenantId = _tenant, Metric = AlertMetrics.Var99, Threshold = 10_000 });
        List<RiskAggregate> batch = [Aggregate(tenantId: _tenant, minute: 1, var99: 5_000), Aggregate(tenantId: _tenant, minute: 2, var99: 20_000)];

        await sink.WriteAsync(batch, [], default);
        var first = await EventsAsync();
        await sink.WriteAsync(batch, [], default);
        await sink.WriteAsync([batch[0]], [], default);

        Assert.Single(first);
        Assert.Equal(first, await EventsAsync());
        Assert.True(await BreachedAsync(_tenant + "-var99", "P1"));

        // At least once on risk.alerts: the redelivery publishes the stored alert again, under the same id; the window
        // that raised nothing republishes nothing.
        Assert.Equal(2, _publisher.Published.Count);
        Assert.All(_publisher.Published, a => Assert.Equal(first[0].AlertId, a.AlertId));
        Assert.All(_publisher.Published, a => Assert.Equal(_publisher.Published[0], a));
    }

    [Fact]
    public async Task An_older_window_after_a_newer_one_is_ignored()
    {
        var sink = await SinkWithRulesAsync(new AlertRuleOptions { RuleId = _tenant + "-var99", TenantId = _tenant, Metric = AlertMetrics.Var99, Threshold = 10_000 });

        await sink.WriteAsync([Aggregate(tenantId: _tenant, minute: 5, var99: 20_000)], [], default);
        await sink.WriteAsync([Aggregate(tenantId: _tenant, minute: 4, var99: 1_000)], [], default);

        Assert.Equal([AlertStates.Breach], (await EventsAsync()).Select(e => e.State));
    }

    [Fact]
    public async Task Missing_metrics_keep_the_state_and_rules_apply_per_portfolio_and_window()
    {
        var sink = await SinkWithRulesAsync(
            new AlertRuleOptions { RuleId = _tenant + "-var99", TenantId = _tenant, Metric = AlertMetrics.Var99, Threshold = 10_000 },
            new AlertRuleOptions { RuleId = _tenant + "-p2-crypto", TenantId = _tenant, PortfolioId = "P2", Metric = AlertMetrics.AssetClassShare(AssetClasses.Crypto), Threshold = 0.5, Window = "10s" },
            new AlertRuleOptions { RuleId = _tenant + "-off", TenantId = _tenant, Metric = AlertMetrics.GrossExposure, Threshold = 0, Enabled = false });
        var crypto = new Dictionary<string, double> { [AssetClasses.Crypto] = 700_000 };

        await sink.WriteAsync(
            [
                Aggregate(tenantId: _tenant, portfolioId: "P1", minute: 1, var99: 20_000),
                Aggregate(tenantId: _tenant, portfolioId: "P2", minute: 1, var99: 5_000, exposureByAssetClass: crypto),
                Aggregate(tenantId: _tenant, portfolioId: "P2", window: "10s", minute: 1, exposureByAssetClass: crypto),
                Aggregate(tenantId: "other-" + _tenant, portfolioId: "P1", minute: 1, var99: 1e9),
            ],
            [],
            default);
        await sink.WriteAsync([Aggregate(tenantId: _tenant, portfolioId: "P1", minute: 2, var99: null)], [], default);

        var events = await EventsAsync();
        Assert.Equal(
            [(_tenant + "-p2-crypto", "P2", "10s", 0.7), (_tenant + "-var99", "P1", "1m", 20_000)],
            events.Select(e => (e.RuleId, e.PortfolioId, e.Window, e.Value)).Order());
        Assert.True(await BreachedAsync(_tenant + "-var99", "P1"));
        Assert.False(await BreachedAsync(_tenant + "-var99", "P2"));
    }

    [Fact]
    public async Task Alerts_of_a_rule_with_a_webhook_target_of_its_tenant_are_queued_in_the_outbox()
    {
        var options = new AlertOptions
        {
            WebhookTargets =
            [
                new() { TargetId = _tenant + "-hook", TenantId = _tenant, Url = "https://example.com/hook", Secret = "s" },
                new() { TargetId = _tenant + "-foreign", TenantId = "other-" + _tenant, Url = "https://example.org/hook", Secret = "s" },
            ],
            Rules =
            [
                new() { RuleId = _tenant + "-hooked", TenantId = _tenant, Metric = AlertMetrics.Var99, Threshold = 10_000, WebhookTargetId = _tenant + "-hook" },
                new() { RuleId = _tenant + "-plain", TenantId = _tenant, Metric = AlertMetrics.Var95, Threshold = 10_000 },
            ],
        };
        var sink = await SinkAsync(options);

        // The foreign target is only reachable by editing the table past the options' validation; the sink still refuses it.
        await postgres.ExecuteAsync(
            "insert into alert_rules (rule_id, tenant_id, metric, threshold, webhook_target_id) values ($1, $2, 'var99', 10000, $3)",
            _tenant + "-sneaky",
            _tenant,
            _tenant + "-foreign");
        await sink.WriteAsync([Aggregate(tenantId: _tenant, minute: 1, var95: 20_000, var99: 20_000)], [], default);

        Assert.Equal(3, (await EventsAsync()).Count);
        var queued = await postgres.ScalarAsync<string>(
            "select string_agg(o.target_id || ':' || (o.payload ->> 'ruleId'), ',') from webhook_outbox o join alert_events e using (alert_id) where e.tenant_id = $1",
            _tenant);
        Assert.Equal($"{_tenant}-hook:{_tenant}-hooked", queued);
    }

    private async Task<AlertSink> SinkWithRulesAsync(params AlertRuleOptions[] rules) => await SinkAsync(new AlertOptions { Rules = [.. rules] });

    private async Task<AlertSink> SinkAsync(AlertOptions options)
    {
        await AlertRuleStore.SeedAsync(postgres.DataSource, options, default);
        var wrapped = Options.Create(options);
        var cache = new AlertRuleCache(postgres.DataSource, wrapped, TimeProvider.System, NullLogger<AlertRuleCache>.Instance);
        return new AlertSink(postgres.DataSource, cache, _publisher, wrapped, TimeProvider.System, NullLogger<AlertSink>.Instance);
    }

    private Task<List<RiskAlert>> EventsAsync() => StoredAlertsAsync(postgres.DataSource, _tenant);

    private Task<bool> BreachedAsync(string ruleId, string portfolioId) =>
        postgres.ScalarAsync<bool>("select coalesce(bool_or(breached), false) from alert_states where rule_id = $1 and portfolio_id = $2", ruleId, portfolioId);
}
