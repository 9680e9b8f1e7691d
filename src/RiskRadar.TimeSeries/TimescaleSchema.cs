using Npgsql;

namespace RiskRadar.TimeSeries;

/// <summary>
/// The TimescaleDB layout: hypertables chunked by the time column, compressed segments per portfolio or
/// instrument, a retention policy, and an hourly continuous aggregate for dashboards.
/// </summary>
/// <remarks>
/// Written against TimescaleDB 2.17 (by_range dimensions, the 2.x policy functions) but NOT exercised by the test
/// suite: the development machine has plain PostgreSQL without the extension, so only the native layout runs there.
/// Verify against the timescale/timescaledb image when changing anything here.
/// </remarks>
internal static class TimescaleSchema
{
    public static async Task EnsureCreatedAsync(NpgsqlConnection connection, TimeSeriesOptions options, CancellationToken cancellationToken)
    {
        await TimeSeriesSchema.ExecuteAsync(connection, "create extension if not exists timescaledb", cancellationToken);

        await EnsureHypertableAsync(connection, TimeSeriesTables.Aggregates, TimeSeriesTables.AggregatesColumns, TimeSeriesTables.AggregatesTimeColumn,
            segmentBy: "portfolio_id", orderBy: "window_name, window_end desc", options, cancellationToken);
        await EnsureHypertableAsync(connection, TimeSeriesTables.Bars, TimeSeriesTables.BarsColumns, TimeSeriesTables.BarsTimeColumn,
            segmentBy: "instrument_id", orderBy: "bar_end desc", options, cancellationToken);

        // last() is ordered by window_end, so a bucket reports the values of its latest window. The query surface
        // reads the raw table (it must work in both layouts); this view is for dashboards and ad-hoc analysis.
        await TimeSeriesSchema.ExecuteAsync(connection, $"""
            create materialized view if not exists {TimeSeriesTables.AggregatesHourly}
            with (timescaledb.continuous) as
            select portfolio_id,
                   window_name,
                   time_bucket(interval '1 hour', window_end) as bucket,
                   count(*) as windows,
                   last(market_value, window_end) as market_value,
                   last(pnl, window_end) as pnl,
                   max(var99) as max_var99,
                   max(es975) as max_es975,
                   avg(volatility) as avg_volatility,
                   max(window_end) as last_window_end
            from {TimeSeriesTables.Aggregates}
            group by portfolio_id, window_name, bucket
            with no data
            """, cancellationToken);
        await TimeSeriesSchema.ExecuteAsync(connection, $"""
            select add_continuous_aggregate_policy('{TimeSeriesTables.AggregatesHourly}',
                start_offset => interval '3 days',
                end_offset => interval '1 hour',
                schedule_interval => interval '1 hour',
                if_not_exists => true)
            """, cancellationToken);
    }

    private static async Task EnsureHypertableAsync(
        NpgsqlConnection connection, string table, string columns, string timeColumn, string segmentBy, string orderBy,
        TimeSeriesOptions options, CancellationToken cancellationToken)
    {
        await TimeSeriesSchema.ExecuteAsync(connection, $"create table if not exists {table} ({columns})", cancellationToken);
        await TimeSeriesSchema.ExecuteAsync(connection,
            $"select create_hypertable('{table}', by_range('{timeColumn}', @chunk::interval), if_not_exists => true)",
            cancellationToken, ("chunk", options.ChunkInterval));

        // Re-setting compression options fails once compressed chunks exist, so only the first run sets them.
        await using (var check = new NpgsqlCommand(
            "select compression_enabled from timescaledb_information.hypertables where hypertable_name = @table", connection))
        {
            check.Parameters.AddWithValue("table", table);
            if (!(bool)(await check.ExecuteScalarAsync(cancellationToken))!)
            {
                await TimeSeriesSchema.ExecuteAsync(connection, $"""
                    alter table {table} set (
                        timescaledb.compress,
                        timescaledb.compress_segmentby = '{segmentBy}',
                        timescaledb.compress_orderby = '{orderBy}')
                    """, cancellationToken);
            }
        }

        // Remove-then-add rather than if_not_exists, so that changed options take effect on the next start.
        // Upserts into compressed chunks are supported since TimescaleDB 2.11, so late redeliveries still land.
        await TimeSeriesSchema.ExecuteAsync(connection, $"select remove_compression_policy('{table}', if_exists => true)", cancellationToken);
        await TimeSeriesSchema.ExecuteAsync(connection,
            $"select add_compression_policy('{table}', compress_after => @after::interval)", cancellationToken, ("after", options.CompressAfter));
        await TimeSeriesSchema.ExecuteAsync(connection, $"select remove_retention_policy('{table}', if_exists => true)", cancellationToken);
        await TimeSeriesSchema.ExecuteAsync(connection,
            $"select add_retention_policy('{table}', drop_after => @retention::interval)", cancellationToken, ("retention", options.Retention));
    }
}
