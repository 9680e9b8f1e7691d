using Npgsql;
using RiskRadar.Data;

namespace RiskRadar.Gateway.Audit;

/// <summary>
/// The audit trail: an append-only table (a trigger refuses UPDATE, DELETE and TRUNCATE, so not even the gateway can
/// rewrite history) and the publisher's cursor into it.
/// </summary>
public static class AuditSchema
{
    private const long SchemaLockKey = 0x5269_736b_4175_0001;

    private const string Ddl = """
        create table if not exists audit_events (
            id bigserial primary key,
            occurred_at timestamptz not null,
            actor text null,
            tenant_id text null,
            api_key_id text null,
            method text not null,
            route text not null,
            path text not null,
            status integer not null,
            outcome text not null check (outcome in ('allowed', 'denied', 'failed')),
            correlation_id text null,
            client_address text null
        );

        create index if not exists audit_events_tenant on audit_events (tenant_id, occurred_at);

        create or replace function audit_events_append_only() returns trigger language plpgsql as $$
        begin
            raise exception 'audit_events is append-only';
        end $$;

        drop trigger if exists audit_events_no_update on audit_events;
        create trigger audit_events_no_update before update or delete on audit_events
            for each row execute function audit_events_append_only();
        drop trigger if exists audit_events_no_truncate on audit_events;
        create trigger audit_events_no_truncate before truncate on audit_events
            for each statement execute function audit_events_append_only();

        create table if not exists audit_publish_cursor (
            publisher text primary key,
            last_id bigint not null
        );
        """;

    /// <summary>Creates whatever is missing of these tables. Safe to run repeatedly and concurrently.</summary>
    public static Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        PostgresSchema.ApplyAsync(dataSource, SchemaLockKey, Ddl, cancellationToken);
}
