using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.Alerts;
using RiskRadar.Contracts.Events;
using RiskRadar.ServiceDefaults;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>
/// Evaluates the provisional alert rules (window <see cref="ProvisionalAlerts.Window"/>) on the figures the book tasks
/// publish, off the stream thread, with a hold-down per rule (<see cref="HoldDownEvaluator"/>). A transition is
/// recorded like a final one (rule state, the alert, its webhook outbox row, one transaction) and then published
/// on <c>risk.alerts</c> with window <c>provisional</c> and the figure's <see cref="ProvisionalRisk.AsOf"/> as its end.
/// </summary>
/// <remarks>
/// Like the figures themselves, the hold-down runs live only in memory: after a restart (or a rebalance that moves a
/// portfolio to another process) a run across the line starts again, while whether the rule is breached is read back
/// from <c>alert_states</c>, so a restart neither repeats a raise nor loses a breach. Figures are dropped, oldest first,
/// when the database cannot keep up; a dropped figure only delays a transition. Publishing to <c>risk.alerts</c>
/// after the commit is best effort here (no redelivery replays a figure): the stored alert and its webhook are durable.
/// </remarks>
public sealed partial class ProvisionalAlertMonitor(
    NpgsqlDataSource dataSource,
    AlertRuleCache ruleCache,
    IAlertPublisher publisher,
    IOptions<AlertOptions> options,
    TimeProvider timeProvider,
    ILogger<ProvisionalAlertMonitor> logger) : BackgroundService, IProvisionalRiskSink
{
    private const int QueuedBatches = 256;

    private static readonly Counter<long> Raised = RiskRadarTelemetry.Meter.CreateCounter<long>("riskradar.alerts.provisional.raised", "{alert}");

    private readonly Channel<IReadOnlyList<ProvisionalRisk>> _pending = Channel.CreateBounded<IReadOnlyList<ProvisionalRisk>>(
        new BoundedChannelOptions(QueuedBatches) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    private readonly Dictionary<StateKey, HoldDownState> _states = [];

    public void Publish(IReadOnlyList<ProvisionalRisk> figures)
    {
        if (figures.Count > 0)
        {
            _pending.Writer.TryWrite(figures);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var figures = new List<ProvisionalRisk>();
        while (await _pending.Reader.WaitToReadAsync(stoppingToken))
        {
            figures.Clear();
            while (_pending.Reader.TryRead(out var batch))
            {
                figures.AddRange(batch);
            }

            try
            {
                await EvaluateAsync(figures, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Figures are replaced by the next ones: a failure here (database, broker) must not stop the host.
                LogEvaluationFailed(ex, figures.Count);
            }
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    /// <summary>Moves the provisional rules through <paramref name="figures"/>, in order, and records what moved.</summary>
    internal async Task EvaluateAsync(IReadOnlyList<ProvisionalRisk> figures, CancellationToken cancellationToken)
    {
        var rules = await ruleCache.GetAsync(cancellationToken);
        var checks = new List<(AlertRule Rule, ProvisionalRisk Figure, StateKey Key)>();
        foreach (var figure in figures)
        {
            foreach (var rule in rules.ForTenant(figure.TenantId))
            {
                if (rule.Matches(figure))
                {
                    checks.Add((rule, figure, new StateKey(rule.RuleId, figure.PortfolioId, ProvisionalAlerts.Window)));
                }
            }
        }

        if (checks.Count == 0)
        {
            return;
        }

        var unknown = checks.Select(c => c.Key).Where(k => !_states.ContainsKey(k)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            foreach (var (key, breached) in await AlertStateStore.ReadBreachedAsync(dataSource, unknown, cancellationToken))
            {
                _states[key] = new HoldDownState(breached, null);
            }
        }

        var next = new Dictionary<StateKey, HoldDownState>();
        var transitions = new List<(AlertRule Rule, ProvisionalRisk Figure, StateKey Key, AlertTransition Transition, double Value)>();
        var hysteresis = options.Value.Hysteresis;
        foreach (var (rule, figure, key) in checks)
        {
            var (state, evaluation) = HoldDownEvaluator.Step(rule, figure, next.TryGetValue(key, out var moved) ? moved : _states[key], hysteresis);
            next[key] = state;
            if (evaluation is { Transition: not AlertTransition.None, Value: { } value })
            {
                transitions.Add((rule, figure, key, evaluation.Transition, value));
            }
        }

        if (transitions.Count > 0)
        {
            // Throws before the states move: the next figures across the line make the transition again.
            await RecordAsync(transitions, cancellationToken);
        }

        foreach (var (key, state) in next)
        {
            _states[key] = state;
        }
    }

    private async Task RecordAsync(
        List<(AlertRule Rule, ProvisionalRisk Figure, StateKey Key, AlertTransition Transition, double Value)> transitions,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await AlertStateStore.LockAsync(connection, transaction, transitions.Select(t => t.Key), cancellationToken);
        var raisedAt = AlertStateStore.ToMicroseconds(timeProvider.GetUtcNow());
        var raised = new List<(RiskAlert Alert, string? TargetId)>();
        var changed = new HashSet<StateKey>();
        foreach (var (rule, figure, key, transition, value) in transitions)
        {
            var breach = transition == AlertTransition.Breach;
            if (stored[key].Breached == breach)
            {
                continue; // another process (a rebalance) or an earlier run of this one already made it
            }

            var asOf = AlertStateStore.ToMicroseconds(figure.AsOf);
            stored[key] = new AlertState(breach, asOf);
            changed.Add(key);
            var state = breach ? AlertStates.Breach : AlertStates.Clear;
            raised.Add((new RiskAlert(
                AlertIds.For(rule.RuleId, figure.PortfolioId, ProvisionalAlerts.Window, asOf, state),
                rule.RuleId,
                figure.PortfolioId,
                figure.TenantId,
                rule.Metric,
                rule.Threshold,
                value,
                state,
                ProvisionalAlerts.Window,
                asOf,
                raisedAt), rule.WebhookTargetId));
        }

        foreach (var (alert, targetId) in await AlertStateStore.SaveAsync(connection, transaction, stored, changed, raised, raisedAt, cancellationToken))
        {
            LogTargetMissing(alert.RuleId, targetId, alert.TenantId);
        }

        await transaction.CommitAsync(cancellationToken);
        Raised.Add(raised.Count);
        await publisher.PublishAsync(raised.ConvertAll(r => r.Alert), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evaluating provisional alert rules on {Count} figures failed; the next figures try again")]
    private partial void LogEvaluationFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert rule {RuleId} names webhook target {TargetId}, which is not a target of tenant {TenantId}; the alert is not sent by webhook")]
    private partial void LogTargetMissing(string ruleId, string targetId, string tenantId);
}
