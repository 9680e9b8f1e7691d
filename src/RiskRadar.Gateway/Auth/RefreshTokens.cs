using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;

namespace RiskRadar.Gateway.Auth;

/// <summary>
/// Opaque refresh tokens: 256 random bits given to the client once, stored only as their SHA-256. Each use rotates the
/// token; presenting one already used means it was copied, so its whole family (that login) is revoked.
/// </summary>
public sealed class RefreshTokens(NpgsqlDataSource dataSource, IOptions<AuthOptions> options, TimeProvider time)
{
    public async Task<string> IssueAsync(string username, Guid? family, CancellationToken cancellationToken)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var command = dataSource.CreateCommand("insert into auth_refresh_tokens (token_hash, username, family_id, expires_at) values ($1, $2, $3, $4)");
        command.Parameters.Add(new() { Value = Hash(token) });
        command.Parameters.Add(new() { Value = username });
        command.Parameters.Add(new() { Value = family ?? Guid.CreateVersion7() });
        command.Parameters.Add(new() { Value = time.GetUtcNow() + options.Value.RefreshTokenLifetime });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return token;
    }

    /// <returns>The user and family of a valid token, which is now used; null for an unknown, expired, revoked or reused one.</returns>
    public async Task<(string Username, Guid Family)?> RedeemAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string username;
        Guid family;
        bool usable;
        await using (var select = new NpgsqlCommand(
            "select username, family_id, used_at is null and revoked_at is null and expires_at > $2, used_at is not null from auth_refresh_tokens where token_hash = $1 for update",
            connection,
            transaction))
        {
            select.Parameters.Add(new() { Value = Hash(token) });
            select.Parameters.Add(new() { Value = time.GetUtcNow() });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (username, family, usable) = (reader.GetString(0), reader.GetGuid(1), reader.GetBoolean(2));
            if (!usable && reader.GetBoolean(3))
            {
                await reader.DisposeAsync();
                await RevokeFamilyAsync(connection, transaction, family, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return null;
            }
        }

        if (!usable)
        {
            return null;
        }

        await using (var use = new NpgsqlCommand("update auth_refresh_tokens set used_at = $2 where token_hash = $1", connection, transaction))
        {
            use.Parameters.Add(new() { Value = Hash(token) });
            use.Parameters.Add(new() { Value = time.GetUtcNow() });
            await use.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (username, family);
    }

    /// <summary>Revokes the login the token belongs to (logout).</summary>
    public async Task<bool> RevokeAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Guid? family;
        await using (var select = new NpgsqlCommand("select family_id from auth_refresh_tokens where token_hash = $1", connection, transaction))
        {
            select.Parameters.Add(new() { Value = Hash(token) });
            family = await select.ExecuteScalarAsync(cancellationToken) as Guid?;
        }

        if (family is { } id)
        {
            await RevokeFamilyAsync(connection, transaction, id, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return family is not null;
    }

    private async Task RevokeFamilyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid family, CancellationToken cancellationToken)
    {
        await using var revoke = new NpgsqlCommand("update auth_refresh_tokens set revoked_at = $2 where family_id = $1 and revoked_at is null", connection, transaction);
        revoke.Parameters.Add(new() { Value = family });
        revoke.Parameters.Add(new() { Value = time.GetUtcNow() });
        await revoke.ExecuteNonQueryAsync(cancellationToken);
    }

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
