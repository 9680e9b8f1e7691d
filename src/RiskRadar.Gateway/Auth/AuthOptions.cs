using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Gateway.Auth;

/// <summary>
/// Token issuing settings, bound from the <c>Auth</c> section (validation settings of the same section are
/// <see cref="RiskRadar.ServiceDefaults.Auth.TokenValidationOptions"/>).
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a login lasts without a password, refresh by refresh (each refresh token is used once).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Users seeded into <c>auth_users</c> on start (PBKDF2 hashes, never passwords); others may be added there directly.</summary>
    public List<ConfiguredUser> Users { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
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
