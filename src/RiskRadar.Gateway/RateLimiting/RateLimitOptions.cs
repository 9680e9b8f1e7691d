using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Gateway.RateLimiting;

/// <summary>Token buckets per caller, and the token endpoint's window, bound from <c>RateLimits</c>.</summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string SectionName = "RateLimits";

    [Required]
    public TokenBucketSettings PerUser { get; set; } = new() { TokenLimit = 200, TokensPerPeriod = 100 };

    [Required]
    public TokenBucketSettings PerApiKey { get; set; } = new() { TokenLimit = 1_000, TokensPerPeriod = 500 };

    /// <summary>Requests that reach a limited route without an identity, by client address.</summary>
    [Required]
    public TokenBucketSettings Anonymous { get; set; } = new() { TokenLimit = 20, TokensPerPeriod = 10 };

    /// <summary>Stricter, per client address: the defence against credential stuffing.</summary>
    [Required]
    public FixedWindowSettings TokenEndpoint { get; set; } = new();

    // Data annotations do not descend into nested objects: each section is checked here, so a bad limit stops the start.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var sections = new (string Name, object Settings)[]
        {
            (nameof(PerUser), PerUser), (nameof(PerApiKey), PerApiKey), (nameof(Anonymous), Anonymous), (nameof(TokenEndpoint), TokenEndpoint),
        };
        foreach (var (name, settings) in sections)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"{SectionName}:{name}: {result.ErrorMessage}", [name]);
            }
        }
    }
}

public sealed class TokenBucketSettings
{
    /// <summary>The burst a caller may send at once.</summary>
    [Range(1, int.MaxValue)]
    public int TokenLimit { get; set; } = 100;

    /// <summary>Tokens added every <see cref="ReplenishmentPeriod"/>: the sustained rate.</summary>
    [Range(1, int.MaxValue)]
    public int TokensPerPeriod { get; set; } = 50;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed class FixedWindowSettings
{
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
