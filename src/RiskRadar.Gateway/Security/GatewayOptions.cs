using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Gateway.Security;

/// <summary>Edge limits and browser access, bound from <c>Gateway</c>.</summary>
public sealed class GatewayOptions : IValidatableObject
{
    public const string SectionName = "Gateway";

    /// <summary>Largest request body let through; the Api's own limit (4 MiB) is higher, so the gateway answers first.</summary>
    [Range(1_024, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Browser origins allowed to call the API (CORS); none by default, since API clients are not browsers.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // An origin is scheme://host[:port] and nothing more; "*" would let any web page call the API with a user's token.
        foreach (var origin in AllowedOrigins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out var uri) || uri.PathAndQuery != "/" || o.EndsWith('/')))
        {
            yield return new ValidationResult($"{SectionName}:AllowedOrigins: '{origin}' is not an origin (scheme://host[:port]).", [nameof(AllowedOrigins)]);
        }
    }
}
