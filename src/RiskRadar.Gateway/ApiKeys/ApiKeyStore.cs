using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace RiskRadar.Gateway.ApiKeys;

/// <summary>
/// API keys in <c>auth_api_keys</c>, found by the SHA-256 of the presented key. Checked keys are cached briefly so a
/// machine client's every call does not cost a query; unknown keys are cached too, so spraying guesses cannot turn
/// into a query per request.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, IOptionsMonitor<ApiKeyOptions> options, TimeProvider time) : IDisposable
{
    /// <summary>Recognisable in logs and by secret scanners.</summary>
    public const string KeyPrefix = "rrk_";

    private const string Columns = "id, tenant_id, name, roles, created_by, created_at, expires_at, revoked_at";

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public async Task<CreatedApiKey> CreateAsync(string tenantId, string name, IReadOnlyList<string> roles, string createdBy, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var id = Guid.CreateVersion7();
        await using var command = dataSource.CreateCommand("""
            insert into auth_api_keys (id, key_hash, tenant_id, name, roles, created_by, created_at, expires_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            """);
        var now = time.GetUtcNow();
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = Hash(key) });
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = roles.ToArray() });
        command.Parameters.Add(new() { Value = createdBy });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = (object?)expiresAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new CreatedApiKey(id, key, tenantId, name, roles, now, expiresAt);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from auth_api_keys where tenant_id = $1 order by created_at, id");
        command.Parameters.Add(new() { Value = tenantId });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>A key of <paramref name="tenantId"/>; another tenant's key is not found, as if it did not exist.</summary>
    public async Task<ApiKey?> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from auth_api_keys where tenant_id = $1 and id = $2");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = id });
        return (await ReadAsync(command, cancellationToken)) is [var key] ? key : null;
    }

    /// <returns>False when the tenant has no such key; revoking a revoked key again is a no-op.</returns>
    public async Task<bool> RevokeAsync(string tenantId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "update auth_api_keys set revoked_at = coalesce(revoked_at, $3) where tenant_id = $1 and id = $2 returning key_hash");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        if (await command.ExecuteScalarAsync(cancellationToken) is not byte[] hash)
        {
            return false;
        }

        _cache.Remove(Convert.ToHexString(hash));
        return true;
    }

    /// <summary>The key's record when it is known, not revoked and not expired; null otherwise.</summary>
    public async Task<ApiKey?> FindActiveAsync(string presentedKey, CancellationToken cancellationToken)
    {
        var hash = Hash(presentedKey);
        var cacheKey = Convert.ToHexString(hash);
        if (!_cache.TryGetValue(cacheKey, out ApiKey? key))
        {
            await using var command = dataSource.CreateCommand($"select {Columns} from auth_api_keys where key_hash = $1");
            command.Parameters.Add(new() { Value = hash });
            key = (await ReadAsync(command, cancellationToken)) is [var found] ? found : null;
            var duration = options.CurrentValue.CacheDuration;
            if (duration > TimeSpan.Zero)
            {
                _cache.Set(cacheKey, key, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = duration, Size = 1 });
            }
        }

        return key is { RevokedAt: null } && (key.ExpiresAt is null || key.ExpiresAt > time.GetUtcNow()) ? key : null;
    }

    public void Dispose() => _cache.Dispose();

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static async Task<IReadOnlyList<ApiKey>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKey(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<string[]>(3),
                reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return keys;
    }
}
