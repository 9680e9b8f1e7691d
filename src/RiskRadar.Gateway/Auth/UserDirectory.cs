using Npgsql;
using RiskRadar.Contracts.Security;

namespace RiskRadar.Gateway.Auth;

/// <summary>A user allowed to obtain tokens.</summary>
public sealed record GatewayUser(string Username, string TenantId, IReadOnlyList<string> Roles);

/// <summary>Users in <c>auth_users</c>: seeded from configuration (hashes only), checked on every login.</summary>
public sealed class UserDirectory(NpgsqlDataSource dataSource)
{
    // Checking an unknown user's password against this costs the same as a real check, so response time
    // does not reveal which usernames exist.
    private static readonly string DecoyHash = PasswordHash.Create(Guid.NewGuid().ToString());

    public async Task<GatewayUser?> AuthenticateAsync(string username, string password, CancellationToken cancellationToken)
    {
        var (user, hash) = await FindAsync(username, cancellationToken);
        var matches = PasswordHash.Verify(password, hash ?? DecoyHash);
        return user is not null && matches ? user : null;
    }

    /// <summary>The enabled user, for a refresh: a disabled user's refresh tokens stop working at once.</summary>
    public async Task<GatewayUser?> FindEnabledAsync(string username, CancellationToken cancellationToken) => (await FindAsync(username, cancellationToken)).User;

    /// <summary>Upserts the configured users; configuration wins for the names it holds, others are left alone.</summary>
    public async Task SeedAsync(IEnumerable<ConfiguredUser> users, CancellationToken cancellationToken)
    {
        foreach (var user in users)
        {
            await using var command = dataSource.CreateCommand("""
                insert into auth_users (username, tenant_id, roles, password_hash) values ($1, $2, $3, $4)
                on conflict (username) do update set tenant_id = excluded.tenant_id, roles = excluded.roles,
                    password_hash = excluded.password_hash, disabled = false, updated_at = now()
                """);
            command.Parameters.Add(new() { Value = user.Username });
            command.Parameters.Add(new() { Value = user.Tenant });
            command.Parameters.Add(new() { Value = user.Roles.ToArray() });
            command.Parameters.Add(new() { Value = user.PasswordHash });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<(GatewayUser? User, string? Hash)> FindAsync(string username, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select username, tenant_id, roles, password_hash from auth_users where username = $1 and not disabled");
        command.Parameters.Add(new() { Value = username });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (new GatewayUser(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2)), reader.GetString(3))
            : (null, null);
    }
}
