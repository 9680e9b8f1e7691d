using System.ComponentModel.DataAnnotations;

namespace RiskRadar.ServiceDefaults.Auth;

/// <summary>
/// How every service validates bearer tokens, bound from the <c>Auth</c> section. Tokens come from the gateway's own
/// token endpoint (HS256 with <see cref="SigningKey"/>) and, when <see cref="Authority"/> is set, from an OIDC provider
/// whose keys are read from its discovery document (JWKS).
/// </summary>
public sealed class TokenValidationOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    /// <summary>Issuer of the gateway's own tokens.</summary>
    [Required]
    public string Issuer { get; set; } = "riskradar-gateway";

    /// <summary>The audience every accepted token must name.</summary>
    [Required]
    public string Audience { get; set; } = "riskradar-api";

    /// <summary>HMAC-SHA256 key of the gateway's own tokens; from a secret (Aspire parameter), never from a committed file.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>An external OIDC authority (e.g. https://login.example.com/realms/risk); empty for gateway tokens only.</summary>
    public string? Authority { get; set; }

    /// <summary>The discovery document when it is not at the authority's <c>/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Only a local test authority may be reached over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Name of the claim carrying the tenant; external providers may use another one.</summary>
    public string TenantClaim { get; set; } = RiskRadarClaims.Tenant;

    /// <summary>Name of the claim carrying roles.</summary>
    public string RoleClaim { get; set; } = RiskRadarClaims.Role;

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public bool HasLocalKey => !string.IsNullOrEmpty(SigningKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!HasLocalKey && string.IsNullOrWhiteSpace(Authority))
        {
            yield return new ValidationResult("Auth needs a SigningKey, an Authority, or both.", [nameof(SigningKey), nameof(Authority)]);
        }

        if (HasLocalKey && System.Text.Encoding.UTF8.GetByteCount(SigningKey) < 32)
        {
            yield return new ValidationResult("Auth:SigningKey must be at least 32 bytes (256 bits) for HS256.", [nameof(SigningKey)]);
        }
    }
}
