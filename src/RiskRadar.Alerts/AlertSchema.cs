using Npgsql;
using RiskRadar.Data;

namespace RiskRadar.Alerts;

/// <summary>
/// The alert tables in the time-series database: rules and webhook targets (configuration), per-rule state, the
/// raised alerts, and the webhook outbox. Plain tables, no TimescaleDB features: they are small and updated in place.
/// </summary>
public static class AlertSchema
{
    private const long SchemaLockKey = 0x5269_736b_416c_0001;

    // No foreign keys between the tables on purpose: rules and targets are edited by the API and seeded from
    // configuration in any order, and a missing target is handled where it matters (the delivery marks it dead).
    private const string Ddl = """
        create table if not exists alert_webhook_targets (
            target_id text primary key,
            tenant_id text not null,
            url text not null,
            -- The secret must be readable to sign deliveries (an HMAC needs the key itself; a hash of it would not do),
            -- so it is stored as given. Production should keep it encrypted at rest: a column encrypted with a key held
            -- in a KMS (decrypted only by the deliverer), or a reference into a secret store instead of the value.
            secret text not null,
            created_at timestamptz not null default now()
        );

        create table if not exists alert_rules (
            rule_id text primary key,
            tenant_id text not null,
            portfolio_id text null,
            metric text not null,
            threshold float8 not null,
            window_name text null,
            webhook_target_id text null,
            enabled boolean not null default true,
            created_at timestamptz not null default now()
        );

        create index if not exists alert_rules_tenant on alert_rules (tenant_id) where enabled;

        -- Rules on provisional figures (window_name 'provisional') move only after this long across the line.
        alter table alert_rules add column if not exists hold_down_ms bigint null;

        -- The API's ETag: bumped by every edit so concurrent edits of a rule do not overwrite each other.
        alter table alert_rules add column if not exists version bigint not null default 1;

        -- last_window_end is null until the rule has seen an aggregate of the portfolio and window kind.
        create table if not exists alert_states (
            rule_id text not null,
            portfolio_id text not null,
            window_name text not null,
            breached boolean not null default false,
            last_window_end timestamptz null,
            primary key (rule_id, portfolio_id, window_name)
        );

        create table if not exists alert_events (
            alert_id text primary key,
            rule_id text not null,
            portfolio_id text not null,
            tenant_id text not null,
            metric text not null,
            threshold float8 not null,
            value float8 not null,
            state text not null check (state in ('breach', 'clear')),
            window_name text not null,
            window_end timestamptz not null,
            raised_at timestamptz not null
        );

        create index if not exists alert_events_rule on alert_events (rule_id, portfolio_id, window_end);
        create index if not exists alert_events_tenant on alert_events (tenant_id, raised_at desc);

        -- next_attempt_at is null once the row is settled: delivered, or given up (last_error starts with 'dead:').
        create table if not exists webhook_outbox (
            alert_id text not null,
            target_id text not null,
            payload jsonb not null,
            attempts integer not null default 0,
            next_attempt_at timestamptz null,
            delivered_at timestamptz null,
            last_error text null,
            primary key (alert_id, target_id)
        );

        create index if not exists webhook_outbox_due on webhook_outbox (next_attempt_at) where next_attempt_at is not null;

        -- The relay claims due rows in id order (insertion order); older tables get the column, numbered as they stand.
        alter table webhook_outbox add column if not exists id bigserial;
        create unique index if not exists webhook_outbox_id on webhook_outbox (id);
        """;

    /// <summary>Creates whatever is missing of the alert tables. Safe to run repeatedly and concurrently.</summary>
    public static Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default) =>
        PostgresSchema.ApplyAsync(dataSource, SchemaLockKey, Ddl, cancellationToken);
}
