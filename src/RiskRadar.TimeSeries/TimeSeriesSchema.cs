using Npgsql;

namespace RiskRadar.TimeSeries;

/// <summary>
/// Creates and maintains the history tables. The layout is chosen once, when the tables are first created:
/// TimescaleDB if the extension is installable, native daily range partitions otherwise. Afterwards the catalog is
/// the record of that choice, so a store created natively stays native even if TimescaleDB appears later
/// (moving between layouts is a data migration, not something a service should do at start).
/// </summary>
public static class TimeSeriesSchema
{
    // Arbitrary constant shared by every process that creates the schema; concurrent "create ... if not exists"
    // statements can still collide on the catalog's unique indexes, so creation is serialised.
    private const long SchemaLockKey = 0x5269_736b_5453_0001;

    /// <summary>Creates whatever is missing of the schema and returns the layout in use. Safe to run repeatedly and concurrently.</summary>
    public static async Task<TimeSeriesMode> EnsureCreatedAsync(NpgsqlDataSource dataSource, TimeSeriesOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"select pg_advisory_lock({SchemaLockKey})", cancellationToken);
        try
        {
            var mode = await GetModeAsync(connection, cancellationToken)
                ?? (await IsTimescaleAvailableAsync(connection, cancellationToken) ? TimeSeriesMode.Timescale : TimeSeriesMode.NativePartitions);

            if (mode == TimeSeriesMode.Timescale)
            {
                await TimescaleSchema.EnsureCreatedAsync(connection, options, cancellationToken);
            }
            else
            {
                await NativePartitionSchema.EnsureCreatedAsync(connection, cancellationToken);
                var now = DateTimeOffset.UtcNow;
                await NativePartitionSchema.EnsurePartitionsAsync(connection, now.AddDays(-1), now + options.PartitionsAhead, cancellationToken);
            }

            await ExecuteAsync(connection, TimeSeriesTables.AggregatesAddedColumns, cancellationToken);
            await History.DailyBarSchema.EnsureCreatedAsync(connection, cancellationToken);
            return mode;
        }
        finally
        {
            await ExecuteAsync(connection, $"select pg_advisory_unlock({SchemaLockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// Creates only the daily history and scenario-set tables, for the services that import history or build sets
    /// (Ingestion, Api) and need not wait for the StreamProcessor to choose the layout of the intraday tables.
    /// </summary>
    public static async Task EnsureHistoryCreatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"select pg_advisory_lock({SchemaLockKey})", cancellationToken);
        try
        {
            await History.DailyBarSchema.EnsureCreatedAsync(connection, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(connection, $"select pg_advisory_unlock({SchemaLockKey})", CancellationToken.None);
        }
    }

    /// <summary>The layout of an existing store, or null if its tables have not been created yet.</summary>
    public static async Task<TimeSeriesMode?> GetModeAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetModeAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Native mode: makes sure a daily partition exists for every UTC day from <paramref name="from"/> to
    /// <paramref name="to"/> in both tables, and returns how many were created. No-op under TimescaleDB.
    /// </summary>
    public static async Task<int> EnsurePartitionsAsync(NpgsqlDataSource dataSource, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetModeAsync(connection, cancellationToken) == TimeSeriesMode.NativePartitions
            ? await NativePartitionSchema.EnsurePartitionsAsync(connection, from, to, cancellationToken)
            : 0;
    }

    /// <summary>
    /// Native mode: drops the daily partitions that lie entirely before <paramref name="now"/> minus the retention,
    /// and returns their names. No-op under TimescaleDB, where the retention policy does this.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ApplyRetentionAsync(NpgsqlDataSource dataSource, TimeSeriesOptions options, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetModeAsync(connection, cancellationToken) == TimeSeriesMode.NativePartitions
            ? await NativePartitionSchema.ApplyRetentionAsync(connection, now - options.Retention, cancellationToken)
            : [];
    }

    internal static async Task<TimeSeriesMode?> GetModeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select relkind::text from pg_class where oid = to_regclass(@table)", connection);
        command.Parameters.AddWithValue("table", TimeSeriesTables.Aggregates);
        var relkind = (string?)await command.ExecuteScalarAsync(cancellationToken);
        return relkind switch
        {
            null => null,
            "p" => TimeSeriesMode.NativePartitions,
            _ when await IsHypertableAsync(connection, cancellationToken) => TimeSeriesMode.Timescale,
            _ => throw new InvalidOperationException(
                $"Table '{TimeSeriesTables.Aggregates}' exists but is neither partitioned nor a hypertable; it was not created by this store."),
        };
    }

    private static async Task<bool> IsHypertableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var extension = new NpgsqlCommand("select exists (select 1 from pg_extension where extname = 'timescaledb')", connection);
        if (!(bool)(await extension.ExecuteScalarAsync(cancellationToken))!)
        {
            return false;
        }

        await using var command = new NpgsqlCommand(
            "select exists (select 1 from timescaledb_information.hypertables where hypertable_name = @table)", connection);
        command.Parameters.AddWithValue("table", TimeSeriesTables.Aggregates);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<bool> IsTimescaleAvailableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select exists (select 1 from pg_available_extensions where name = 'timescaledb')", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
