using Npgsql;

namespace RiskRadar.TimeSeries.History;

/// <summary>
/// Daily bars and the scenario sets built from them. A plain table under both layouts: even 5,000 instruments over
/// ten years are ~13 M narrow rows, which one B-tree serves, and the retention sweep is a ranged delete.
/// The single-row revision counter moves with every write, in the same transaction, so a reader knows from one
/// cheap query whether the history it built a set from is still the current one.
/// </summary>
internal static class DailyBarSchema
{
    public const string Bars = "instrument_daily_bars";
    public const string Revision = "market_history_revision";
    public const string ScenarioSets = "scenario_sets";

    private const string Ddl = $"""
        create table if not exists {Bars} (
            instrument_id text not null,
            day date not null,
            open float8,
            high float8,
            low float8,
            close float8 not null,
            source text not null,
            updated_at timestamptz not null default now(),
            primary key (instrument_id, day));
        create index if not exists {Bars}_day on {Bars} (day);
        create table if not exists {Revision} (
            singleton boolean primary key default true check (singleton),
            revision bigint not null,
            changed_at timestamptz not null);
        insert into {Revision} values (true, 0, now()) on conflict do nothing;
        create table if not exists {ScenarioSets} (
            id text primary key,
            history_revision bigint not null,
            as_of date not null,
            lookback integer not null,
            depth integer not null,
            return_kind text not null,
            max_fill_days integer not null,
            instruments integer not null,
            rows integer not null,
            fingerprint text not null,
            payload bytea not null,
            created_at timestamptz not null default now());
        create index if not exists {ScenarioSets}_revision on {ScenarioSets} (history_revision desc);
        """;

    public static Task EnsureCreatedAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        TimeSeriesSchema.ExecuteAsync(connection, Ddl, cancellationToken);
}
