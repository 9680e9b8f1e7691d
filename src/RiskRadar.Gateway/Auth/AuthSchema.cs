using Npgsql;
using RiskRadar.Data;

namespace RiskRadar.Gateway.Auth;

/// <summary>
/// Users (PBKDF2 hashes only), refresh tokens and API keys (SHA-256 hashes only): nothing that could log in is stored.
/// </summary>
public static class AuthSchema
{
    private const long SchemaLockKey = 0x5269_736b_4175_0003;

    private const string Ddl = """
        create table if not exists auth_users (
            username text primary key,
            tenant_id text not null,
            roles text[] not null,
            password_hash text not null,
            disabled boolean not null default false,
            created_at timestamptz not null default now(),
            updated_at timestamptz not null default now()
        );

        -- A family is one login's chain of rotated tokens: presenting a used one revokes the whole chain.
        create table if not exists auth_refresh_tokens (
            token_hash bytea primary key,
            username text not null,
            family_id uuid not null,
            expires_at timestamptz not null,
            used_at timestamptz null,
            revoked_at timestamptz null,
            created_at timestamptz not null default now()
        );

        create index if not exists auth_refresh_tokens_family on auth_refresh_tokens (family_id);

        -- Machine clients: rrk_<key_id>_<secret>, shown once; only the SHA-256 of the whole key is kept. Revoked keys stay
        -- for the audit trail.
        create table if not exists auth_api_keys (
            key_id text primary key,
            tenant_id text not null,
            name text not null,
            roles text[] not null,
            key_hash bytea not null,
            created_by text not null,
            created_at timestamptz not null,
            revoked_at timestamptz null
        );

        create index if not exists auth_api_keys_tenant on auth_api_keys (tenant_id, created_at);
        """;

    /// <summary>Creates whatever is missing of these tables. Safe to run repeatedly and concurrently.</summary>
    public static Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        PostgresSchema.ApplyAsync(dataSource, SchemaLockKey, Ddl, cancellationToken);
}
