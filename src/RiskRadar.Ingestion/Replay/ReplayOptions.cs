using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace RiskRadar.Ingestion.Replay;

/// <summary>Settings of the CSV replay feed, bound from <c>Ingestion:Feeds:Replay</c>.</summary>
public sealed class ReplayOptions : IValidatableObject
{
    public const string SectionName = "Ingestion:Feeds:Replay";

    public bool Enabled { get; set; }

    /// <summary>CSV file with header <c>timestamp,instrument,price[,sequence]</c>, relative to the content root.</summary>
    public string? Path { get; set; }

    /// <summary>"1" replays in real time, "100" a hundred times faster, "0" or "max" as fast as possible.</summary>
    public string Speed { get; set; } = "1";

    /// <summary>
    /// Stamp each tick with the time it is replayed at (default), so historical files pass the stale check;
    /// false keeps the file's timestamps (for backfills, with a matching <c>Validation:StaleAfter</c>).
    /// </summary>
    public bool RebaseTimestamps { get; set; } = true;

    /// <summary>The speed factor; 0 means no pacing at all.</summary>
    /// <remarks>A method, not a property: validation reads every property, and this one throws on what it validates.</remarks>
    public double GetSpeedFactor() => TryParseSpeed(Speed, out var factor) ? factor : throw new InvalidOperationException($"Invalid replay speed '{Speed}'.");

    public static bool TryParseSpeed(string? text, out double factor)
    {
        factor = 0;
        if (string.Equals(text?.Trim(), "max", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out factor) && double.IsFinite(factor) && factor >= 0;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TryParseSpeed(Speed, out _))
        {
            yield return new ValidationResult($"Speed '{Speed}' must be a non-negative number or 'max'.", [nameof(Speed)]);
        }

        if (Enabled && string.IsNullOrWhiteSpace(Path))
        {
            yield return new ValidationResult("Path is required when the replay feed is enabled.", [nameof(Path)]);
        }
    }
}
