using Npgsql;
using RiskRadar.Data;

namespace RiskRadar.Api.Portfolios;

/// <summary>
/// The portfolio tables: the durable projection of <c>portfolio.positions</c>, and the outbox through which every
/// change reaches that topic (written in the same transaction as the change, so an accepted change is never lost).
/// </summary>
public static class PortfolioSchema
{
    private const long SchemaLockKey = 0x5269_736b_5066_0001;

    private const string Ddl = """
        create table if not exists portfolios (
            portfolio_id text primary key,
            tenant_id text not null,
            name text not null,
            base_currency text not null,
            -- Bumped by every change of the portfolio or its positions: the ETag, and PositionChange.Version.
            version bigint not null,
            created_at timestamptz not null default now(),
            updated_at timestamptz not null default now()
        );

        create unique index if not exists portfolios_tenant_name on portfolios (tenant_id, name);

        create table if not exists portfolio_positions (
            portfolio_id text not null references portfolios (portfolio_id) on delete cascade,
            instrument_id text not null,
            quantity float8 not null,
            updated_at timestamptz not null default now(),
            primary key (portfolio_id, instrument_id)
        );

        create table if not exists position_outbox (
            id bigserial primary key,
            position_key text not null,
            payload bytea not null,
            created_at timestamptz not null default now(),
            published_at timestamptz null
        );

        create index if not exists position_outbox_pending on position_outbox (id) where published_at is null;
        """;

    /// <summary>Creates whatever is missing of these tables. Safe to run repeatedly and concurrently.</summary>
    public static Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default) =>
        PostgresSchema.ApplyAsync(dataSource, SchemaLockKey, Ddl, cancellationToken);
}
