using Microsoft.Extensions.Options;
using RiskRadar.Contracts.Security;

namespace RiskRadar.Gateway.Auth;

/// <summary>Checks credentials against the configured users.</summary>
public sealed class UserDirectory(IOptionsMonitor<AuthOptions> options)
{
    // Checking an unknown user's password against this costs the same as a real check, so response time
    // does not reveal which usernames exist.
    private static readonly string DecoyHash = PasswordHash.Create(Guid.NewGuid().ToString());

    public ConfiguredUser? Authenticate(string username, string password)
    {
        var user = options.CurrentValue.Users.FirstOrDefault(u => string.Equals(u.Username, username, StringComparison.Ordinal));
        var matches = PasswordHash.Verify(password, user?.PasswordHash ?? DecoyHash);
        return user is not null && matches ? user : null;
    }
}
