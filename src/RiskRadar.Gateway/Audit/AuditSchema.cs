using Npgsql;
using RiskRadar.Data;

namespace RiskRadar.Gateway.Audit;

/// <summary>
/// The audit trail: an append-only table (a trigger refuses UPDATE, DELETE and TRUNCATE, so not even the gateway can
/// rewrite history) and the outbox the publisher relays to <c>audit.events</c>.
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

        -- One row per audit record, written in the same statement; the publisher marks it once audit.events has it.
        create table if not exists audit_outbox (
            id bigserial primary key,
            audit_id bigint not null,
            published_at timestamptz null
        );

        create index if not exists audit_outbox_pending on audit_outbox (id) where published_at is null;

        -- Earlier versions tailed audit_events with a "last id" cursor, which skips rows committed out of id order.
        -- What that cursor had not reached moves to the outbox, once.
        do $$
        begin
            if to_regclass('audit_publish_cursor') is not null then
                insert into audit_outbox (audit_id)
                select id from audit_events where id > coalesce((select max(last_id) from audit_publish_cursor), 0) order by id;
                drop table audit_publish_cursor;
            end if;
        end $$;
        """;

    /// <summary>Creates whatever is missing of these tables. Safe to run repeatedly and concurrently.</summary>
    public static Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        PostgresSchema.ApplyAsync(dataSource, SchemaLockKey, Ddl, cancellationToken);
}
