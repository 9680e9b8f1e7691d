using System.ComponentModel.DataAnnotations;

namespace RiskRadar.StreamProcessor.Pipeline.Live;

/// <summary>
/// The per-tick path of provisional figures, bound from <c>StreamProcessor:LiveValues</c>: the watched books' value,
/// P&amp;L and exposures moved with every tick (<see cref="LiveValueEngine"/>).
/// </summary>
public sealed class LiveValueOptions : IValidatableObject
{
    public const string SectionName = "StreamProcessor:LiveValues";

    /// <summary>Off: every provisional figure comes from a refresh (<c>Pipeline:LiveRefresh</c>), as for unwatched books.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest a fetch of ticks waits when none came (<c>fetch.wait.max.ms</c>). A Kafka broker answers as soon as a
    /// tick arrives; the development broker holds an empty fetch for all of it, so this bounds how late a tick is read.
    /// </summary>
    public TimeSpan FetchWait { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The shortest time between two figures of one watched book; ticks in between are folded into the next.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How often the set of watched books is read from Redis (the Api adds to it as clients ask).</summary>
    public TimeSpan WatchPoll { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FetchWait < TimeSpan.FromMilliseconds(1) || FetchWait > TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("FetchWait must be between 1 ms and 1 s.", [nameof(FetchWait)]);
        }

        if (MinInterval < TimeSpan.Zero || MinInterval > TimeSpan.FromSeconds(10))
        {
            yield return new ValidationResult("MinInterval must be between 0 and 10 s.", [nameof(MinInterval)]);
        }

        if (WatchPoll < TimeSpan.FromMilliseconds(100))
        {
            yield return new ValidationResult("WatchPoll must be at least 100 ms.", [nameof(WatchPoll)]);
        }
    }
}
