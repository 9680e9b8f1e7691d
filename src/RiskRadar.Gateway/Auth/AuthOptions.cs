using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Gateway.Auth;

/// <summary>Token issuing and validation settings, bound from the <c>Auth</c> section.</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    [Required]
    public string Issuer { get; set; } = "riskradar-gateway";

    [Required]
    public string Audience { get; set; } = "riskradar-api";

    /// <summary>HMAC-SHA256 key for locally issued tokens; from a secret (Aspire parameter), never from a committed file.</summary>
    [Required]
    public string SigningKey { get; set; } = "";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Users allowed to obtain tokens from <c>POST /auth/token</c>; passwords are stored as PBKDF2 hashes.</summary>
    public List<ConfiguredUser> Users { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(SigningKey) < 32)
        {
            yield return new ValidationResult("Auth:SigningKey must be at least 32 bytes (256 bits) for HS256.", [nameof(SigningKey)]);
        }

        foreach (var user in Users.Where(u => string.IsNullOrWhiteSpace(u.Username) || string.IsNullOrWhiteSpace(u.PasswordHash)))
        {
            yield return new ValidationResult($"Auth:Users entry '{user.Username}' needs a username and a password hash.", [nameof(Users)]);
        }
    }
}

public sealed class ConfiguredUser
{
    public string Username { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public string Tenant { get; set; } = "";

    public List<string> Roles { get; set; } = [];
}
