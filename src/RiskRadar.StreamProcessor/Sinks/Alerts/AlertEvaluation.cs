namespace RiskRadar.StreamProcessor.Sinks.Alerts;

public enum AlertTransition
{
    None,
    Breach,
    Clear,
}

/// <summary>The outcome of one rule against one aggregate; <see cref="Value"/> is null when the metric was unavailable.</summary>
public readonly record struct AlertEvaluation(AlertTransition Transition, double? Value);
