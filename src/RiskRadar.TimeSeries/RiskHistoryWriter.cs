using Npgsql;
using NpgsqlTypes;
using RiskRadar.Contracts.Events;

namespace RiskRadar.TimeSeries;

/// <summary>
/// Appends risk aggregates and instrument bars to the history. Each call is one transaction: binary COPY into
/// temporary staging tables, then an upsert into the real tables, so a batch redelivered after a crash (the stream
/// is at-least-once towards this sink) leaves one row per key rather than failing or duplicating.
/// </summary>
/// <remarks>Timestamps are stored with PostgreSQL's microsecond precision; finer ticks are truncated.</remarks>
public sealed class RiskHistoryWriter(NpgsqlDataSource dataSource)
{
    // The layout never changes under a running store, so it is looked up once; 0 means not yet known.
    private int _modePlusOne;

    private const string AggregateColumns =
        "portfolio_id, tenant_id, window_name, window_start, window_end, base_currency, market_value, pnl, gross_exposure, " +
        "net_exposure, exposure_by_asset_class, var95, var99, es95, es975, es99, volatility, sharpe, max_drawdown, scenarios, " +
        "positions, instruments_without_history, computed_at, scenario_set_id, positions_version, inputs";

    private const string BarColumns = "instrument_id, bar_start, bar_end, open, high, low, close, ticks, ret";

    // The computed_at guard keeps a stale redelivery from overwriting a newer computation of the same window.
    private const string UpsertAggregates = $"""
        insert into {TimeSeriesTables.Aggregates} ({AggregateColumns})
        select {AggregateColumns} from risk_aggregates_staging
        on conflict (portfolio_id, window_name, window_end) do update set
            tenant_id = excluded.tenant_id,
            window_start = excluded.window_start,
            base_currency = excluded.base_currency,
            market_value = excluded.market_value,
            pnl = excluded.pnl,
            gross_exposure = excluded.gross_exposure,
            net_exposure = excluded.net_exposure,
            exposure_by_asset_class = excluded.exposure_by_asset_class,
            var95 = excluded.var95,
            var99 = excluded.var99,
            es95 = excluded.es95,
            es975 = excluded.es975,
            es99 = excluded.es99,
            volatility = excluded.volatility,
            sharpe = excluded.sharpe,
            max_drawdown = excluded.max_drawdown,
            scenarios = excluded.scenarios,
            positions = excluded.positions,
            instruments_without_history = excluded.instruments_without_history,
            computed_at = excluded.computed_at,
            scenario_set_id = excluded.scenario_set_id,
            positions_version = excluded.positions_version,
            inputs = excluded.inputs
        where excluded.computed_at >= {TimeSeriesTables.Aggregates}.computed_at
        """;

    // A closed bar is final, so a rewrite can only be a redelivery of the same bar: the last write wins.
    private const string UpsertBars = $"""
        insert into {TimeSeriesTables.Bars} ({BarColumns})
        select {BarColumns} from instrument_bars_staging
        on conflict (instrument_id, bar_end) do update set
            bar_start = excluded.bar_start,
            open = excluded.open,
            high = excluded.high,
            low = excluded.low,
            close = excluded.close,
            ticks = excluded.ticks,
            ret = excluded.ret
        """;

    public async Task WriteAsync(IReadOnlyList<RiskAggregate> aggregates, IReadOnlyList<InstrumentBar> bars, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        ArgumentNullException.ThrowIfNull(bars);
        if (aggregates.Count == 0 && bars.Count == 0)
        {
            return;
        }

        // ON CONFLICT cannot touch one row twice in a statement, so duplicates within the batch are settled here.
        var uniqueAggregates = aggregates
            .Select((a, i) => (Aggregate: a, Index: i))
            .GroupBy(x => (x.Aggregate.PortfolioId, x.Aggregate.Window, x.Aggregate.WindowEnd.UtcTicks / 10))
            .Select(g => g.OrderBy(x => x.Aggregate.ComputedAt).ThenBy(x => x.Index).Last().Aggregate)
            .ToList();
        var uniqueBars = bars
            .GroupBy(b => (b.InstrumentId, b.BarEnd.UtcTicks / 10))
            .Select(g => g.Last())
            .ToList();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await GetModeAsync(connection, cancellationToken) == TimeSeriesMode.NativePartitions)
        {
            // Outside the write transaction: partition DDL locks the parent, and holding that through the COPY
            // would stall every other writer.
            await NativePartitionSchema.EnsurePartitionsAsync(connection, TimeSeriesTables.Aggregates,
                NativePartitionSchema.DaysOf(uniqueAggregates.Select(a => a.WindowEnd)), cancellationToken);
            await NativePartitionSchema.EnsurePartitionsAsync(connection, TimeSeriesTables.Bars,
                NativePartitionSchema.DaysOf(uniqueBars.Select(b => b.BarEnd)), cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (uniqueAggregates.Count > 0)
        {
            await TimeSeriesSchema.ExecuteAsync(connection,
                $"create temp table risk_aggregates_staging (like {TimeSeriesTables.Aggregates} including defaults) on commit drop", cancellationToken);
            await CopyAggregatesAsync(connection, uniqueAggregates, cancellationToken);
            await TimeSeriesSchema.ExecuteAsync(connection, UpsertAggregates, cancellationToken);
        }

        if (uniqueBars.Count > 0)
        {
            await TimeSeriesSchema.ExecuteAsync(connection,
                $"create temp table instrument_bars_staging (like {TimeSeriesTables.Bars} including defaults) on commit drop", cancellationToken);
            await CopyBarsAsync(connection, uniqueBars, cancellationToken);
            await TimeSeriesSchema.ExecuteAsync(connection, UpsertBars, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<TimeSeriesMode> GetModeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var known = Volatile.Read(ref _modePlusOne);
        if (known != 0)
        {
            return (TimeSeriesMode)(known - 1);
        }

        var mode = await TimeSeriesSchema.GetModeAsync(connection, cancellationToken)
            ?? throw new InvalidOperationException("The time-series schema does not exist; run TimeSeriesSchema.EnsureCreatedAsync first.");
        Volatile.Write(ref _modePlusOne, (int)mode + 1);
        return mode;
    }

    private static async Task CopyAggregatesAsync(NpgsqlConnection connection, List<RiskAggregate> aggregates, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"copy risk_aggregates_staging ({AggregateColumns}) from stdin (format binary)", cancellationToken);
        foreach (var a in aggregates)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(a.PortfolioId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(a.TenantId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(a.Window, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(a.WindowStart.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(a.WindowEnd.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(a.BaseCurrency, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(a.MarketValue, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(a.Pnl, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(a.GrossExposure, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(a.NetExposure, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(ExposureJson.Serialize(a.ExposureByAssetClass), NpgsqlDbType.Jsonb, cancellationToken);
            await WriteNullableAsync(importer, a.Var95, cancellationToken);
            await WriteNullableAsync(importer, a.Var99, cancellationToken);
            await WriteNullableAsync(importer, a.Es95, cancellationToken);
            await WriteNullableAsync(importer, a.Es975, cancellationToken);
            await WriteNullableAsync(importer, a.Es99, cancellationToken);
            await WriteNullableAsync(importer, a.Volatility, cancellationToken);
            await WriteNullableAsync(importer, a.Sharpe, cancellationToken);
            await WriteNullableAsync(importer, a.MaxDrawdown, cancellationToken);
            await importer.WriteAsync(a.Scenarios, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(a.Positions, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(a.InstrumentsWithoutHistory.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(a.ComputedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            if (a.ScenarioSetId is { } setId)
            {
                await importer.WriteAsync(setId, NpgsqlDbType.Text, cancellationToken);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken);
            }

            await importer.WriteAsync(a.PositionsVersion, NpgsqlDbType.Bigint, cancellationToken);
            if (a.Inputs is { } inputs)
            {
                await importer.WriteAsync(HoldingInputsJson.Serialize(inputs), NpgsqlDbType.Jsonb, cancellationToken);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task CopyBarsAsync(NpgsqlConnection connection, List<InstrumentBar> bars, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"copy instrument_bars_staging ({BarColumns}) from stdin (format binary)", cancellationToken);
        foreach (var b in bars)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(b.InstrumentId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(b.BarStart.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(b.BarEnd.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(b.Open, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(b.High, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(b.Low, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(b.Close, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(b.Ticks, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullableAsync(importer, b.Return, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, double? value, CancellationToken cancellationToken) =>
        value is { } v ? importer.WriteAsync(v, NpgsqlDbType.Double, cancellationToken) : importer.WriteNullAsync(cancellationToken);
}
