using Npgsql;
using NpgsqlTypes;
using RiskRadar.Contracts.Events;

namespace RiskRadar.TimeSeries;

/// <summary>
/// Reads the history back. Plain SQL that runs the same on hypertables and on native partitions (date_bin, not
/// TimescaleDB's time_bucket), so callers never care which layout the store has. Every time range is half-open:
/// <c>from &lt;= t &lt; to</c> on the window or bar end.
/// </summary>
public sealed class RiskHistoryQuery(NpgsqlDataSource dataSource)
{
    public const int MaxLimit = 100_000;

    // Buckets are aligned to this origin; any midnight UTC keeps hourly and daily buckets on the clock's boundaries.
    private static readonly DateTimeOffset BucketOrigin = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The layout of the store, or null before its schema exists.</summary>
    public Task<TimeSeriesMode?> GetModeAsync(CancellationToken cancellationToken = default) =>
        TimeSeriesSchema.GetModeAsync(dataSource, cancellationToken);

    /// <summary>The first <paramref name="limit"/> aggregates of a portfolio's window in the range, oldest first.</summary>
    public async Task<IReadOnlyList<RiskAggregate>> GetAggregatesAsync(
        string portfolioId, string window, DateTimeOffset from, DateTimeOffset to, int limit = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(portfolioId);
        ArgumentException.ThrowIfNullOrEmpty(window);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);

        await using var command = dataSource.CreateCommand($"""
            select {AggregateColumns}
            from {TimeSeriesTables.Aggregates}
            where portfolio_id = @portfolio and window_name = @window and window_end >= @from and window_end < @to
            order by window_end
            limit @limit
            """);
        AddKeyAndRange(command, portfolioId, window, from, to);
        command.Parameters.AddWithValue("limit", limit);

        var aggregates = new List<RiskAggregate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            aggregates.Add(ReadAggregate(reader));
        }

        return aggregates;
    }

    /// <summary>
    /// One stored window with the holdings it valued (<see cref="RiskAggregate.Inputs"/>): the one ending at
    /// <paramref name="end"/>, or the newest when that is null; null when there is none.
    /// </summary>
    public async Task<RiskAggregate?> GetAggregateAsync(string portfolioId, string window, DateTimeOffset? end, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(portfolioId);
        ArgumentException.ThrowIfNullOrEmpty(window);
        await using var command = dataSource.CreateCommand($"""
            select {AggregateColumns}, inputs::text
            from {TimeSeriesTables.Aggregates}
            where portfolio_id = @portfolio and window_name = @window {(end is null ? "" : "and window_end = @end")}
            order by window_end desc
            limit 1
            """);
        command.Parameters.AddWithValue("portfolio", portfolioId);
        command.Parameters.AddWithValue("window", window);
        if (end is { } at)
        {
            command.Parameters.AddWithValue("end", at.ToUniversalTime());
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var aggregate = ReadAggregate(reader);
        return reader.IsDBNull(25) ? aggregate : aggregate with { Inputs = HoldingInputsJson.Deserialize(reader.GetString(25)) };
    }

    private const string AggregateColumns = """
        portfolio_id, tenant_id, window_name, window_start, window_end, base_currency, market_value, pnl,
        gross_exposure, net_exposure, exposure_by_asset_class::text, var95, var99, es95, es975, es99,
        volatility, sharpe, max_drawdown, scenarios, positions, instruments_without_history, computed_at,
        scenario_set_id, positions_version
        """;

    private static RiskAggregate ReadAggregate(NpgsqlDataReader reader) => new(
        PortfolioId: reader.GetString(0),
        TenantId: reader.GetString(1),
        Window: reader.GetString(2),
        WindowStart: reader.GetFieldValue<DateTimeOffset>(3),
        WindowEnd: reader.GetFieldValue<DateTimeOffset>(4),
        BaseCurrency: reader.GetString(5),
        MarketValue: reader.GetDouble(6),
        Pnl: reader.GetDouble(7),
        GrossExposure: reader.GetDouble(8),
        NetExposure: reader.GetDouble(9),
        ExposureByAssetClass: ExposureJson.Deserialize(reader.GetString(10)),
        Var95: NullableDouble(reader, 11),
        Var99: NullableDouble(reader, 12),
        Es95: NullableDouble(reader, 13),
        Es975: NullableDouble(reader, 14),
        Es99: NullableDouble(reader, 15),
        Volatility: NullableDouble(reader, 16),
        Sharpe: NullableDouble(reader, 17),
        MaxDrawdown: NullableDouble(reader, 18),
        Scenarios: reader.GetInt32(19),
        Positions: reader.GetInt32(20),
        InstrumentsWithoutHistory: reader.GetFieldValue<string[]>(21),
        ComputedAt: reader.GetFieldValue<DateTimeOffset>(22),
        ScenarioSetId: reader.IsDBNull(23) ? null : reader.GetString(23),
        PositionsVersion: reader.GetInt64(24));

    /// <summary>
    /// A portfolio's window history summarised per <paramref name="bucket"/> (aligned to midnight UTC), oldest
    /// first; buckets without windows are omitted.
    /// </summary>
    public async Task<IReadOnlyList<RiskHistoryBucket>> GetBucketedAsync(
        string portfolioId, string window, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(portfolioId);
        ArgumentException.ThrowIfNullOrEmpty(window);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bucket, TimeSpan.Zero);

        // array_agg(... order by window_end desc)[1] is "last" without TimescaleDB's last().
        await using var command = dataSource.CreateCommand($"""
            select date_bin(@bucket, window_end, @origin) as bucket_start,
                   count(*)::int,
                   (array_agg(market_value order by window_end desc))[1],
                   (array_agg(pnl order by window_end desc))[1],
                   max(var99),
                   max(es975),
                   avg(volatility),
                   max(window_end)
            from {TimeSeriesTables.Aggregates}
            where portfolio_id = @portfolio and window_name = @window and window_end >= @from and window_end < @to
            group by bucket_start
            order by bucket_start
            """);
        AddKeyAndRange(command, portfolioId, window, from, to);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("bucket", NpgsqlDbType.Interval) { TypedValue = bucket });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("origin", NpgsqlDbType.TimestampTz) { TypedValue = BucketOrigin });

        var buckets = new List<RiskHistoryBucket>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            buckets.Add(new RiskHistoryBucket(
                BucketStart: reader.GetFieldValue<DateTimeOffset>(0),
                Count: reader.GetInt32(1),
                LastMarketValue: reader.GetDouble(2),
                LastPnl: reader.GetDouble(3),
                MaxVar99: NullableDouble(reader, 4),
                MaxEs975: NullableDouble(reader, 5),
                AvgVolatility: NullableDouble(reader, 6),
                LastWindowEnd: reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return buckets;
    }

    /// <summary>An instrument's bars whose end is in the range, oldest first.</summary>
    public async Task<IReadOnlyList<InstrumentBar>> GetBarsAsync(
        string instrumentId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instrumentId);

        await using var command = dataSource.CreateCommand($"""
            select instrument_id, bar_start, bar_end, open, high, low, close, ticks, ret
            from {TimeSeriesTables.Bars}
            where instrument_id = @instrument and bar_end >= @from and bar_end < @to
            order by bar_end
            """);
        command.Parameters.AddWithValue("instrument", instrumentId);
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        command.Parameters.AddWithValue("to", to.ToUniversalTime());

        var bars = new List<InstrumentBar>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bars.Add(new InstrumentBar(
                InstrumentId: reader.GetString(0),
                BarStart: reader.GetFieldValue<DateTimeOffset>(1),
                BarEnd: reader.GetFieldValue<DateTimeOffset>(2),
                Open: reader.GetDouble(3),
                High: reader.GetDouble(4),
                Low: reader.GetDouble(5),
                Close: reader.GetDouble(6),
                Ticks: reader.GetInt32(7),
                Return: NullableDouble(reader, 8)));
        }

        return bars;
    }

    private static void AddKeyAndRange(NpgsqlCommand command, string portfolioId, string window, DateTimeOffset from, DateTimeOffset to)
    {
        command.Parameters.AddWithValue("portfolio", portfolioId);
        command.Parameters.AddWithValue("window", window);
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        command.Parameters.AddWithValue("to", to.ToUniversalTime());
    }

    private static double? NullableDouble(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
