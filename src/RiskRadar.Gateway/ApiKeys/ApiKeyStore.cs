using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace RiskRadar.Gateway.ApiKeys;

/// <summary>An API key as stored: never the key itself, only its SHA-256.</summary>
public sealed record ApiKeyInfo(string Id, string TenantId, string Name, IReadOnlyList<string> Roles, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Keys for machine clients, <c>rrk_&lt;id&gt;_&lt;secret&gt;</c>: the id finds the row, the SHA-256 of the whole key
/// (compared in constant time) proves it. The key is shown once, when created.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Prefix = "rrk_";
    private const string Columns = "key_id, tenant_id, name, roles, created_by, created_at, revoked_at";

    public async Task<(ApiKeyInfo Info, string Key)> CreateAsync(string tenantId, string name, IReadOnlyList<string> roles, string createdBy, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var key = $"{Prefix}{id}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            "insert into auth_api_keys (key_id, tenant_id, name, roles, key_hash, created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7)");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = roles.ToArray() });
        command.Parameters.Add(new() { Value = Hash(key) });
        command.Parameters.Add(new() { Value = createdBy });
        command.Parameters.Add(new() { Value = now });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return (new ApiKeyInfo(id, tenantId, name, roles, createdBy, now, null), key);
    }

    /// <returns>The key's record when the presented key is genuine and not revoked; null otherwise.</returns>
    public async Task<ApiKeyInfo?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        var parts = presented.Split('_');
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || parts.Length < 3 || parts[1].Length != 16)
        {
            return null;
        }

        await using var command = dataSource.CreateCommand($"select {Columns}, key_hash from auth_api_keys where key_id = $1 and revoked_at is null");
        command.Parameters.Add(new() { Value = parts[1] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var info = Read(reader);
        return CryptographicOperations.FixedTimeEquals(reader.GetFieldValue<byte[]>(7), Hash(presented)) ? info : null;
    }

    /// <summary>A key of <paramref name="tenantId"/>; another tenant's key is not found, as if it did not exist.</summary>
    public async Task<ApiKeyInfo?> GetAsync(string tenantId, string keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from auth_api_keys where tenant_id = $1 and key_id = $2");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = keyId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from auth_api_keys where tenant_id = $1 order by created_at");
        command.Parameters.Add(new() { Value = tenantId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    public async Task<bool> RevokeAsync(string tenantId, string keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("update auth_api_keys set revoked_at = $3 where tenant_id = $1 and key_id = $2 and revoked_at is null");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = keyId });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static ApiKeyInfo Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetFieldValue<string[]>(3),
        reader.GetString(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
