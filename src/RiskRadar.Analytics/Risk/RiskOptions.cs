using RiskRadar.Analytics.Quantiles;

namespace RiskRadar.Analytics.Risk;

/// <summary>Confidence c ∈ (0,1), horizon h ≥ 1 periods (VaR and ES scale by √h, means by h), and the quantile rule.</summary>
public sealed record RiskOptions
{
    public RiskOptions(double confidence, int horizon = 1, QuantileRule rule = QuantileRule.Linear)
    {
        Guard.Confidence(confidence);
        Guard.Horizon(horizon);
        if (!Enum.IsDefined(rule))
        {
            throw new ArgumentException($"Unknown quantile rule {rule}.", nameof(rule));
        }

        Confidence = confidence;
        Horizon = horizon;
        Rule = rule;
    }

    public double Confidence { get; }

    public int Horizon { get; }

    public QuantileRule Rule { get; }

    public double SqrtHorizon => Math.Sqrt(Horizon);
}
