using RiskRadar.Alerts;
using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>Decides whether an aggregate moves a rule between clear and breached. Pure: state lives with the caller.</summary>
public static class AlertRuleEvaluator
{
    /// <param name="hysteresis">
    /// Fraction of the threshold the value must fall below it before a breach clears, so a metric hovering at the
    /// threshold does not flap; 0 clears as soon as the value is at or below the threshold.
    /// </param>
    public static AlertEvaluation Evaluate(AlertRule rule, RiskAggregate aggregate, bool breached, double hysteresis = 0)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfNegative(hysteresis);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(hysteresis, 1);

        // No value (not enough history yet) says nothing about the risk: neither raise nor clear on it.
        if (AlertMetrics.Read(rule.Metric, aggregate) is not { } value)
        {
            return new AlertEvaluation(AlertTransition.None, null);
        }

        if (!breached)
        {
            return new AlertEvaluation(value > rule.Threshold ? AlertTransition.Breach : AlertTransition.None, value);
        }

        // Math.Abs keeps the band below the threshold for a negative threshold too.
        var clearAtOrBelow = rule.Threshold - (Math.Abs(rule.Threshold) * hysteresis);
        return new AlertEvaluation(value <= clearAtOrBelow ? AlertTransition.Clear : AlertTransition.None, value);
    }
}
