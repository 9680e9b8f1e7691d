using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Ingestion.Push;

/// <summary>Settings of the HTTP push feed, bound from <c>Ingestion:Push</c>.</summary>
public sealed class PushOptions : IValidatableObject
{
    public const string SectionName = "Ingestion:Push";

    /// <summary>
    /// Feed name → lower- or upper-case hex SHA-256 of its key (<c>Ingestion:Push:FeedKeys:&lt;name&gt;</c>).
    /// Only hashes are configured, so a leaked configuration does not leak a usable key.
    /// </summary>
    public Dictionary<string, string> FeedKeys { get; set; } = [];

    /// <summary>Largest accepted request body; larger ones get 413.</summary>
    [Range(1, 256L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, hash) in FeedKeys)
        {
            if (hash is not { Length: 64 } || !hash.All(char.IsAsciiHexDigit))
            {
                yield return new ValidationResult($"FeedKeys:{name} must be the 64-hex-digit SHA-256 of the key, not the key.", [nameof(FeedKeys)]);
            }
        }
    }
}
