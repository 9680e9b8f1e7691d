using RiskRadar.Alerts;
using RiskRadar.Contracts.Events;
using RiskRadar.StreamProcessor.Sinks.Alerts;
using static RiskRadar.StreamProcessor.Tests.Alerts.AlertTestData;

namespace RiskRadar.StreamProcessor.Tests.Alerts;

public sealed class AlertRuleEvaluatorTests
{
    public static TheoryData<string, RiskAggregate, double> MetricCases() => new()
    {
        { AlertMetrics.Var95, Aggregate(var95: 12_000), 12_000 },
        { AlertMetrics.Var99, Aggregate(var99: 20_000), 20_000 },
        { AlertMetrics.Es975, Aggregate(es975: 22_000), 22_000 },
        { AlertMetrics.Es99, Aggregate(es99: 30_000), 30_000 },
        { AlertMetrics.Volatility, Aggregate(volatility: 0.25), 0.25 },
        { AlertMetrics.MaxDrawdown, Aggregate(maxDrawdown: 0.08), 0.08 },
        { AlertMetrics.GrossExposure, Aggregate(grossExposure: 2_500_000), 2_500_000 },
        {
            AlertMetrics.AssetClassShare(AssetClasses.Crypto),
            Aggregate(grossExposure: 1_000_000, exposureByAssetClass: new Dictionary<string, double> { [AssetClasses.Crypto] = -400_000, [AssetClasses.Equity] = 600_000 }),
            0.4
        },
    };

    [Theory]
    [MemberData(nameof(MetricCases))]
    public void Each_metric_breaches_above_the_threshold_and_reports_its_value(string metric, RiskAggregate aggregate, double expected)
    {
        var below = AlertRuleEvaluator.Evaluate(Rule(metric, expected * 1.01), aggregate, breached: false);
        var above = AlertRuleEvaluator.Evaluate(Rule(metric, expected * 0.99), aggregate, breached: false);

        Assert.Equal(AlertTransition.None, below.Transition);
        Assert.Equal(AlertTransition.Breach, above.Transition);
        Assert.Equal(expected, above.Value!.Value, 12);
    }

    [Theory]
    [MemberData(nameof(MetricCases))]
    public void Each_metric_clears_at_or_below_the_threshold(string metric, RiskAggregate aggregate, double expected)
    {
        var atThreshold = AlertRuleEvaluator.Evaluate(Rule(metric, expected), aggregate, breached: true);
        var stillAbove = AlertRuleEvaluator.Evaluate(Rule(metric, expected * 0.99), aggregate, breached: true);

        Assert.Equal(AlertTransition.Clear, atThreshold.Transition);
        Assert.Equal(AlertTransition.None, stillAbove.Transition);
    }

    [Fact]
    public void A_value_equal_to_the_threshold_is_not_a_breach()
    {
        var result = AlertRuleEvaluator.Evaluate(Rule(AlertMetrics.Var99, 20_000), Aggregate(var99: 20_000), breached: false);

        Assert.Equal(AlertTransition.None, result.Transition);
        Assert.Equal(20_000, result.Value);
    }

    [Fact]
    public void A_breached_rule_above_the_threshold_stays_breached_without_a_new_transition()
    {
        var result = AlertRuleEvaluator.Evaluate(Rule(AlertMetrics.Var99, 10_000), Aggregate(var99: 25_000), breached: true);

        Assert.Equal(new AlertEvaluation(AlertTransition.None, 25_000), result);
    }

    [Theory]
    [InlineData(AlertMetrics.Var95)]
    [InlineData(AlertMetrics.Var99)]
    [InlineData(AlertMetrics.Es975)]
    [InlineData(AlertMetrics.Es99)]
    [InlineData(AlertMetrics.Volatility)]
    [InlineData(AlertMetrics.MaxDrawdown)]
    public void A_missing_metric_makes_no_transition_either_way(string metric)
    {
        var aggregate = Aggregate();

        Assert.Equal(new AlertEvaluation(AlertTransition.None, null), AlertRuleEvaluator.Evaluate(Rule(metric, -1), aggregate, breached: false));
        Assert.Equal(new AlertEvaluation(AlertTransition.None, null), AlertRuleEvaluator.Evaluate(Rule(metric, 1e12), aggregate, breached: true));
    }

    [Fact]
    public void A_non_finite_metric_is_treated_as_missing()
    {
        var result = AlertRuleEvaluator.Evaluate(Rule(AlertMetrics.Var99, 10), Aggregate(var99: double.NaN), breached: true);

        Assert.Equal(new AlertEvaluation(AlertTransition.None, null), result);
    }

    [Fact]
    public void Asset_class_share_is_missing_without_gross_exposure_and_zero_for_a_class_not_held()
    {
        var rule = Rule(AlertMetrics.AssetClassShare(AssetClasses.Crypto), 0.3);
        var empty = AlertRuleEvaluator.Evaluate(rule, Aggregate(grossExposure: 0), breached: true);
        var notHeld = AlertRuleEvaluator.Evaluate(
            rule,
            Aggregate(exposureByAssetClass: new Dictionary<string, double> { [AssetClasses.Equity] = 1_000_000 }),
            breached: true);

        Assert.Equal(new AlertEvaluation(AlertTransition.None, null), empty);
        Assert.Equal(new AlertEvaluation(AlertTransition.Clear, 0), notHeld);
    }

    [Fact]
    public void Hysteresis_keeps_a_breach_until_the_value_falls_below_the_band()
    {
        var rule = Rule(AlertMetrics.Var99, 10_000);

        var inBand = AlertRuleEvaluator.Evaluate(rule, Aggregate(var99: 9_500), breached: true, hysteresis: 0.1);
        var belowBand = AlertRuleEvaluator.Evaluate(rule, Aggregate(var99: 9_000), breached: true, hysteresis: 0.1);
        var breachIgnoresBand = AlertRuleEvaluator.Evaluate(rule, Aggregate(var99: 10_001), breached: false, hysteresis: 0.1);

        Assert.Equal(AlertTransition.None, inBand.Transition);
        Assert.Equal(AlertTransition.Clear, belowBand.Transition);
        Assert.Equal(AlertTransition.Breach, breachIgnoresBand.Transition);
    }

    [Theory]
    [InlineData("var99", true)]
    [InlineData("assetClassShare:Crypto", true)]
    [InlineData("assetClassShare:Stamps", false)]
    [InlineData("VaR99", false)]
    [InlineData("sharpe", false)]
    public void Known_metrics(string metric, bool known) => Assert.Equal(known, AlertMetrics.IsKnown(metric));

    [Fact]
    public void Rules_match_their_tenant_portfolio_and_window_only()
    {
        var aggregate = Aggregate(portfolioId: "P1", tenantId: "T1", window: "1m");

        Assert.True(Rule(AlertMetrics.Var99, 1).Matches(aggregate));
        Assert.True(Rule(AlertMetrics.Var99, 1, portfolioId: "P1", window: "1m").Matches(aggregate));
        Assert.False(Rule(AlertMetrics.Var99, 1, tenantId: "T2").Matches(aggregate));
        Assert.False(Rule(AlertMetrics.Var99, 1, portfolioId: "P2").Matches(aggregate));
        Assert.False(Rule(AlertMetrics.Var99, 1, window: "10s").Matches(aggregate));
    }

    [Fact]
    public void Alert_ids_are_deterministic_and_distinguish_every_field()
    {
        var end = Start.AddMinutes(5);
        var id = AlertIds.For("R1", "P1", "1m", end, AlertStates.Breach);

        Assert.Equal(id, AlertIds.For("R1", "P1", "1m", end, AlertStates.Breach));
        Assert.Equal(32, id.Length);
        Assert.NotEqual(id, AlertIds.For("R1", "P1", "1m", end, AlertStates.Clear));
        Assert.NotEqual(id, AlertIds.For("R1", "P1", "1m", end.AddMinutes(1), AlertStates.Breach));
        Assert.NotEqual(AlertIds.For("R1|P", "1", "1m", end, AlertStates.Breach), AlertIds.For("R1", "P|1", "1m", end, AlertStates.Breach));
    }

    [Fact]
    public void Backoff_doubles_from_the_base_delay_up_to_the_maximum()
    {
        var delays = Enumerable.Range(1, 6).Select(n => WebhookDeliveryService.Backoff(n, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10))).ToArray();

        Assert.Equal([1, 2, 4, 8, 10, 10], delays.Select(d => d.TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(5), WebhookDeliveryService.Backoff(1000, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)));
    }
}
