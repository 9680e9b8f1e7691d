using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace RiskRadar.TimeSeries;

/// <summary>
/// The layout without TimescaleDB: both tables range-partitioned by their time column into one partition per UTC
/// day (<c>risk_aggregates_p20250131</c>), plus a DEFAULT partition so that an insert never fails for want of a
/// partition. Writers create the days of each batch before copying it, and the maintenance service keeps days
/// ahead of the clock, so the default partition normally stays empty.
/// </summary>
internal static class NativePartitionSchema
{
    private const string EnsureFunction = "riskradar_ensure_daily_partitions";

    private static readonly (string Table, string TimeColumn, string Columns)[] Tables =
    [
        (TimeSeriesTables.Aggregates, TimeSeriesTables.AggregatesTimeColumn, TimeSeriesTables.AggregatesColumns),
        (TimeSeriesTables.Bars, TimeSeriesTables.BarsTimeColumn, TimeSeriesTables.BarsColumns),
    ];

    // Creates the missing partitions among p_days. Rows already in the default partition for a day are moved
    // into the new partition first, because PostgreSQL refuses to add a partition whose range the default
    // partition holds rows for. The advisory lock serialises writers that discover the same missing day.
    private const string EnsureFunctionSql = $$"""
        create or replace function {{EnsureFunction}}(p_table text, p_days date[])
        returns integer
        language plpgsql
        as $fn$
        declare
            v_key text;
            v_day date;
            v_part text;
            v_from timestamptz;
            v_to timestamptz;
            v_locked boolean := false;
            v_created integer := 0;
        begin
            select a.attname into strict v_key
            from pg_partitioned_table pt
            join pg_attribute a on a.attrelid = pt.partrelid and a.attnum = pt.partattrs[0]
            where pt.partrelid = p_table::regclass;

            foreach v_day in array p_days loop
                v_part := p_table || '_p' || to_char(v_day, 'YYYYMMDD');
                continue when to_regclass(v_part) is not null;
                if not v_locked then
                    perform pg_advisory_xact_lock(hashtext('{{EnsureFunction}}'));
                    v_locked := true;
                    continue when to_regclass(v_part) is not null;
                end if;

                v_from := v_day::timestamp at time zone 'UTC';
                v_to := (v_day + 1)::timestamp at time zone 'UTC';
                execute format('create table %I (like %I including defaults)', v_part, p_table);
                execute format(
                    'with moved as (delete from %I where %I >= $1 and %I < $2 returning *) insert into %I select * from moved',
                    p_table || '_default', v_key, v_key, v_part)
                    using v_from, v_to;
                execute format('alter table %I attach partition %I for values from (%L) to (%L)', p_table, v_part, v_from, v_to);
                v_created := v_created + 1;
            end loop;
            return v_created;
        end
        $fn$
        """;

    public static async Task EnsureCreatedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        foreach (var (table, timeColumn, columns) in Tables)
        {
            await TimeSeriesSchema.ExecuteAsync(connection, $"create table if not exists {table} ({columns}) partition by range ({timeColumn})", cancellationToken);
            await TimeSeriesSchema.ExecuteAsync(connection, $"create table if not exists {table}_default partition of {table} default", cancellationToken);
        }

        await TimeSeriesSchema.ExecuteAsync(connection, EnsureFunctionSql, cancellationToken);
    }

    /// <summary>Creates the partitions of every UTC day from <paramref name="from"/> to <paramref name="to"/>, inclusive, in both tables.</summary>
    public static async Task<int> EnsurePartitionsAsync(NpgsqlConnection connection, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var days = DaysBetween(from, to);
        var created = 0;
        foreach (var (table, _, _) in Tables)
        {
            created += await EnsurePartitionsAsync(connection, table, days, cancellationToken);
        }

        return created;
    }

    /// <summary>Creates the partitions of the given UTC days in one table; one round trip when they already exist.</summary>
    public static async Task<int> EnsurePartitionsAsync(NpgsqlConnection connection, string table, IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken)
    {
        if (days.Count == 0)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand($"select {EnsureFunction}(@table, @days)", connection);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("days", NpgsqlDbType.Array | NpgsqlDbType.Date) { TypedValue = [.. days] });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Drops partitions whose whole day lies before <paramref name="cutoff"/> and old rows of the default partitions.</summary>
    public static async Task<IReadOnlyList<string>> ApplyRetentionAsync(NpgsqlConnection connection, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var dropped = new List<string>();
        foreach (var (table, timeColumn, _) in Tables)
        {
            foreach (var (partition, day) in await ListDailyPartitionsAsync(connection, table, cancellationToken))
            {
                var end = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                if (end <= cutoff)
                {
                    // A dropped table's name comes from the catalog and matched the partition pattern; quoting is still cheap insurance.
                    await TimeSeriesSchema.ExecuteAsync(connection, $"drop table if exists \"{partition}\"", cancellationToken);
                    dropped.Add(partition);
                }
            }

            await TimeSeriesSchema.ExecuteAsync(
                connection, $"delete from {table}_default where {timeColumn} < @cutoff", cancellationToken, ("cutoff", cutoff.ToUniversalTime()));
        }

        return dropped;
    }

    /// <summary>The daily partitions of one table with the day each holds.</summary>
    public static async Task<IReadOnlyList<(string Name, DateOnly Day)>> ListDailyPartitionsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select c.relname::text
            from pg_inherits i
            join pg_class c on c.oid = i.inhrelid
            where i.inhparent = to_regclass(@table) and c.relname ~ ('^' || @table || '_p[0-9]{8}$')
            order by c.relname
            """,
            connection);
        command.Parameters.AddWithValue("table", table);
        var partitions = new List<(string, DateOnly)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            var day = DateOnly.ParseExact(name[^8..], "yyyyMMdd", CultureInfo.InvariantCulture);
            partitions.Add((name, day));
        }

        return partitions;
    }

    /// <summary>The distinct UTC days of the given instants.</summary>
    public static IReadOnlyCollection<DateOnly> DaysOf(IEnumerable<DateTimeOffset> instants) =>
        instants.Select(t => DateOnly.FromDateTime(t.UtcDateTime)).ToHashSet();

    private static List<DateOnly> DaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var days = new List<DateOnly>();
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day <= DateOnly.FromDateTime(to.UtcDateTime); day = day.AddDays(1))
        {
            days.Add(day);
        }

        return days;
    }
}
