namespace RiskRadar.TimeSeries;

/// <summary>Names and column definitions of the history tables, shared by both layouts.</summary>
public static class TimeSeriesTables
{
    public const string Aggregates = "risk_aggregates";
    public const string Bars = "instrument_bars";

    /// <summary>TimescaleDB only: hourly continuous aggregate over <see cref="Aggregates"/>.</summary>
    public const string AggregatesHourly = "risk_aggregates_hourly";

    internal const string AggregatesTimeColumn = "window_end";
    internal const string BarsTimeColumn = "bar_end";

    // The time column is part of each primary key because both hypertables and partitioned tables require the
    // partitioning column in every unique index.
    internal const string AggregatesColumns = """
        portfolio_id text not null,
        tenant_id text not null,
        window_name text not null,
        window_start timestamptz not null,
        window_end timestamptz not null,
        base_currency text not null,
        market_value float8 not null,
        pnl float8 not null,
        gross_exposure float8 not null,
        net_exposure float8 not null,
        exposure_by_asset_class jsonb not null default '{}',
        var95 float8,
        var99 float8,
        es95 float8,
        es975 float8,
        es99 float8,
        volatility float8,
        sharpe float8,
        max_drawdown float8,
        scenarios integer not null,
        positions integer not null,
        instruments_without_history text[] not null default '{}',
        computed_at timestamptz not null,
        scenario_set_id text,
        positions_version bigint not null default 0,
        inputs jsonb,
        primary key (portfolio_id, window_name, window_end)
        """;

    /// <summary>Columns added after the first release, for stores created before them (both layouts).</summary>
    internal const string AggregatesAddedColumns = $"""
        alter table {Aggregates} add column if not exists scenario_set_id text;
        alter table {Aggregates} add column if not exists positions_version bigint not null default 0;
        alter table {Aggregates} add column if not exists inputs jsonb;
        """;

    internal const string BarsColumns = """
        instrument_id text not null,
        bar_start timestamptz not null,
        bar_end timestamptz not null,
        open float8 not null,
        high float8 not null,
        low float8 not null,
        close float8 not null,
        ticks integer not null,
        ret float8,
        primary key (instrument_id, bar_end)
        """;
}
