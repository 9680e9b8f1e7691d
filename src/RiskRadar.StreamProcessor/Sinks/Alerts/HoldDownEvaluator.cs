using RiskRadar.Alerts;
using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>A provisional rule for one portfolio: breached or not, and since which figure the values have stayed across the line.</summary>
/// <param name="CrossedSince">
/// <see cref="ProvisionalRisk.AsOf"/> of the first figure of the current run across the line (above the threshold
/// while clear, at or below the clearing level while breached); null when the last figure was not across.
/// </param>
public readonly record struct HoldDownState(bool Breached, DateTimeOffset? CrossedSince);

/// <summary>
/// Moves a provisional rule only when its figures have stayed across the line for the rule's hold-down, in the
/// figures' own time (<see cref="ProvisionalRisk.AsOf"/>), so a value flickering around the threshold neither raises
/// nor clears. Pure: state lives with the caller.
/// </summary>
public static class HoldDownEvaluator
{
    /// <param name="hysteresis">As for final aggregates: a breach clears at or below threshold − |threshold| × hysteresis.</param>
    public static (HoldDownState State, AlertEvaluation Evaluation) Step(AlertRule rule, ProvisionalRisk figure, HoldDownState state, double hysteresis = 0)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(figure);

        // No value (not enough history) says nothing about the risk: the run across the line is neither broken nor extended.
        if (ProvisionalAlerts.Read(rule.Metric, figure) is not { } value)
        {
            return (state, new AlertEvaluation(AlertTransition.None, null));
        }

        var across = state.Breached
            ? value <= rule.Threshold - (Math.Abs(rule.Threshold) * hysteresis)
            : value > rule.Threshold;
        if (!across)
        {
            return (state with { CrossedSince = null }, new AlertEvaluation(AlertTransition.None, value));
        }

        var since = state.CrossedSince is { } started && started <= figure.AsOf ? started : figure.AsOf;
        if (figure.AsOf - since < (rule.HoldDown ?? ProvisionalAlerts.DefaultHoldDown))
        {
            return (new HoldDownState(state.Breached, since), new AlertEvaluation(AlertTransition.None, value));
        }

        return (new HoldDownState(!state.Breached, null), new AlertEvaluation(state.Breached ? AlertTransition.Clear : AlertTransition.Breach, value));
    }
}
