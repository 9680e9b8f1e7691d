using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Ingestion.Validation;

/// <summary>Tick validation thresholds, bound from <c>Ingestion:Validation</c>.</summary>
public sealed class ValidationOptions : IValidatableObject
{
    public const string SectionName = "Ingestion:Validation";

    /// <summary>A tick older than now minus this is <c>stale</c>.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far a feed's clock may run ahead of ours before a tick is <c>future</c>.</summary>
    public TimeSpan ClockSkewTolerance { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How far a tick may lag the instrument's last accepted tick before it is <c>out-of-order</c>.</summary>
    public TimeSpan OutOfOrderTolerance { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Largest accepted |log(price / last price)|. The simulator clamps its own jumps below the default
    /// (<c>Jumps:MaxLogJump</c> = 0.2), so raise both together.
    /// </summary>
    [Range(1e-6, 100)]
    public double JumpThreshold { get; set; } = 0.25;

    /// <summary>
    /// A move beyond <see cref="JumpThreshold"/> is held back, not rejected: once this many consecutive ticks (the
    /// first included) stay at the new level, or a second source quotes it, the level is real (a crash, a split, a
    /// flash move) and every held tick is published. A tick back at the old level first makes the held ones a spike,
    /// dead-lettered as <c>jump-outlier</c>. 1 accepts every jump at once.
    /// </summary>
    [Range(1, 1_000)]
    public int LevelShiftConfirmations { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StaleAfter <= TimeSpan.Zero)
        {
            yield return new ValidationResult("StaleAfter must be positive.", [nameof(StaleAfter)]);
        }

        if (ClockSkewTolerance < TimeSpan.Zero)
        {
            yield return new ValidationResult("ClockSkewTolerance must not be negative.", [nameof(ClockSkewTolerance)]);
        }

        if (OutOfOrderTolerance < TimeSpan.Zero)
        {
            yield return new ValidationResult("OutOfOrderTolerance must not be negative.", [nameof(OutOfOrderTolerance)]);
        }
    }
}
