using Npgsql;
using NpgsqlTypes;
using RiskRadar.Analytics.Scenarios;

namespace RiskRadar.TimeSeries.History;

/// <summary>
/// The one writer and reader of daily bars: imports, the bundled history and the stream's day closes write through
/// it; scenario sets and the simulator's starting prices read through it.
/// </summary>
public sealed class DailyBarStore(NpgsqlDataSource dataSource)
{
    private const string Bars = DailyBarSchema.Bars;

    /// <summary>Writes the bars in one transaction, replacing any stored bar of the same instrument and day.</summary>
    public Task<DailyWriteResult> ReplaceAsync(IReadOnlyList<DailyBar> bars, string source, CancellationToken cancellationToken) =>
        WriteAsync(bars, source, replace: true, cancellationToken);

    /// <summary>Writes only the bars of days the store does not have: a day close written twice is written once.</summary>
    public Task<DailyWriteResult> AddMissingAsync(IReadOnlyList<DailyBar> bars, string source, CancellationToken cancellationToken) =>
        WriteAsync(bars, source, replace: false, cancellationToken);

    /// <summary>
    /// Closes a trading day from the stored one-minute bars: for each instrument of <paramref name="assetClass"/> (quoted
    /// in <paramref name="currency"/>, or in none of <paramref name="otherCurrencies"/> when it is null) with bars
    /// ending after <paramref name="after"/> and up to <paramref name="upTo"/>, the last bar's close is the day's close
    /// (open, high and low from the same bars). The bounds may be in any offset (a calendar gives its exchange's). A
    /// day already stored is left as it is, so closing it again (a restart, a second replica) writes nothing: each
    /// day is written once.
    /// </summary>
    /// <returns>How many instruments' days were written.</returns>
    public async Task<int> CloseDayFromBarsAsync(
        string assetClass, string? currency, IReadOnlyCollection<string> otherCurrencies, DateOnly day, DateTimeOffset after, DateTimeOffset upTo,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int written;
        // The instrument master (Ingestion's table) says which calendar an instrument follows.
        await using (var command = new NpgsqlCommand($"""
            insert into {Bars} (instrument_id, day, open, high, low, close, source)
            select b.instrument_id, $4::date,
                   (array_agg(b.open order by b.bar_end))[1], max(b.high), min(b.low),
                   (array_agg(b.close order by b.bar_end desc))[1], '{DailyBarSources.Stream}'
            from {TimeSeriesTables.Bars} b
            join instruments i on i.instrument_id = b.instrument_id
            where b.bar_end > $5 and b.bar_end <= $6 and i.asset_class = $1
              and (($2::text is null and i.currency <> all($3::text[])) or i.currency = $2)
            group by b.instrument_id
            on conflict (instrument_id, day) do nothing
            """, connection, transaction))
        {
            command.Parameters.Add(new() { Value = assetClass });
            command.Parameters.Add(new() { Value = (object?)currency ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = otherCurrencies.ToArray() });
            command.Parameters.Add(new() { Value = day });
            command.Parameters.Add(new() { Value = after.ToUniversalTime() });
            command.Parameters.Add(new() { Value = upTo.ToUniversalTime() });
            written = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await BumpRevisionAsync(connection, transaction, written > 0, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>
    /// Deletes the bars of days before <paramref name="cutoff"/> (the daily retention) and moves the revision when
    /// any went, so that scenario sets reaching back that far are built again from what is left.
    /// </summary>
    /// <returns>The number of bars deleted.</returns>
    public async Task<int> DeleteBeforeAsync(DateOnly cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int deleted;
        await using (var command = new NpgsqlCommand($"delete from {Bars} where day < $1", connection, transaction))
        {
            command.Parameters.Add(new() { Value = cutoff });
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await BumpRevisionAsync(connection, transaction, deleted > 0, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>A number that changes whenever the stored history does.</summary>
    public async Task<long> RevisionAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select revision from {DailyBarSchema.Revision}");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Each instrument's newest close, for those of <paramref name="instrumentIds"/> that have one.</summary>
    public async Task<Dictionary<string, (DateOnly Day, double Close)>> LastClosesAsync(IReadOnlyCollection<string> instrumentIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            select i.id, b.day, b.close
            from unnest($1::text[]) as i(id)
            cross join lateral (select day, close from {Bars} where instrument_id = i.id order by day desc limit 1) b
            """);
        command.Parameters.Add(new() { Value = instrumentIds.ToArray() });
        var closes = new Dictionary<string, (DateOnly, double)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            closes[reader.GetString(0)] = (reader.GetFieldValue<DateOnly>(1), reader.GetDouble(2));
        }

        return closes;
    }

    /// <summary>One instrument's bars between two days, inclusive, oldest first.</summary>
    public async Task<IReadOnlyList<DailyBar>> ReadAsync(string instrumentId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            select day, close, open, high, low from {Bars} where instrument_id = $1 and day between $2 and $3 order by day
            """);
        command.Parameters.Add(new() { Value = instrumentId });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        var bars = new List<DailyBar>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bars.Add(new DailyBar(instrumentId, reader.GetFieldValue<DateOnly>(0), reader.GetDouble(1),
                reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetDouble(4)));
        }

        return bars;
    }

    /// <summary>
    /// The closes of every instrument on the newest <paramref name="days"/> dates of the store, with the revision
    /// they belong to, read in one snapshot.
    /// </summary>
    public async Task<(DailyHistory History, long Revision)> ReadHistoryAsync(int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        long revision;
        await using (var command = new NpgsqlCommand($"select revision from {DailyBarSchema.Revision}", connection, transaction))
        {
            revision = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        // A loose index scan down the day index: one probe per distinct date instead of reading every bar.
        DateOnly[] dates;
        await using (var command = new NpgsqlCommand($"""
            with recursive d(day, n) as (
                select max(day), 1 from {Bars}
                union all
                select (select max(day) from {Bars} where day < d.day), n + 1 from d where n < $1 and d.day is not null)
            select coalesce(array_agg(day order by day), array[]::date[]) from d where day is not null
            """, connection, transaction))
        {
            command.Parameters.Add(new() { Value = days });
            dates = (DateOnly[])(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        if (dates.Length > 0)
        {
            await ReadClosesAsync(connection, transaction, dates, columns, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        string[] instruments = [.. columns.Keys.Order(StringComparer.Ordinal)];
        var closes = new double[instruments.Length * dates.Length];
        for (var i = 0; i < instruments.Length; i++)
        {
            var column = columns[instruments[i]];
            for (var t = 0; t < dates.Length; t++)
            {
                closes[(t * instruments.Length) + i] = column[t];
            }
        }

        return (new DailyHistory(instruments, dates, closes), revision);
    }

    /// <summary>
    /// Every bar on or after the first of <paramref name="dates"/>, one column of closes per instrument (NaN where a
    /// day has none). A row per bar, but nothing allocated per row: the day comes as an offset, the instrument's name
    /// is matched as characters against the names already seen.
    /// </summary>
    private static async Task ReadClosesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly[] dates, Dictionary<string, double[]> columns, CancellationToken cancellationToken)
    {
        var rowOfOffset = new int[dates[^1].DayNumber - dates[0].DayNumber + 1];
        for (var t = 0; t < dates.Length; t++)
        {
            rowOfOffset[dates[t].DayNumber - dates[0].DayNumber] = t;
        }

        var byName = columns.GetAlternateLookup<ReadOnlySpan<char>>();
        var name = new char[64];
        await using var command = new NpgsqlCommand(
            $"select instrument_id, day - $1, close from {Bars} where day >= $1 and day <= $2", connection, transaction);
        command.Parameters.Add(new() { Value = dates[0] });
        command.Parameters.Add(new() { Value = dates[^1] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var length = (int)reader.GetChars(0, 0, null, 0, 0);
            if (length > name.Length)
            {
                name = new char[length];
            }

            var id = name.AsSpan(0, (int)reader.GetChars(0, 0, name, 0, length));
            if (!byName.TryGetValue(id, out var column))
            {
                column = new double[dates.Length];
                Array.Fill(column, double.NaN);
                columns[id.ToString()] = column;
            }

            column[rowOfOffset[reader.GetInt32(1)]] = reader.GetDouble(2);
        }
    }

    private async Task<DailyWriteResult> WriteAsync(IReadOnlyList<DailyBar> bars, string source, bool replace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bars);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = 0;
        var replaced = 0;
        // xmax = 0 tells a freshly inserted row from one the upsert updated.
        var conflict = replace
            ? "on conflict (instrument_id, day) do update set open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, source = excluded.source, updated_at = now()"
            : "on conflict (instrument_id, day) do nothing";
        const int Chunk = 50_000;
        for (var offset = 0; offset < bars.Count; offset += Chunk)
        {
            var chunk = bars.Skip(offset).Take(Chunk).ToList();
            await using var command = new NpgsqlCommand($"""
                insert into {Bars} (instrument_id, day, open, high, low, close, source)
                select b.*, $7::text from unnest($1::text[], $2::date[], $3::float8[], $4::float8[], $5::float8[], $6::float8[]) as b
                {conflict}
                returning (xmax = 0)
                """, connection, transaction);
            command.Parameters.Add(new() { Value = chunk.Select(b => b.InstrumentId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<DateOnly[]>() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date, TypedValue = [.. chunk.Select(b => b.Day)] });
            command.Parameters.Add(new() { Value = chunk.Select(b => b.Open).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
            command.Parameters.Add(new() { Value = chunk.Select(b => b.High).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
            command.Parameters.Add(new() { Value = chunk.Select(b => b.Low).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
            command.Parameters.Add(new() { Value = chunk.Select(b => b.Close).ToArray() });
            command.Parameters.Add(new() { Value = source });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetBoolean(0))
                {
                    inserted++;
                }
                else
                {
                    replaced++;
                }
            }
        }

        var revision = await BumpRevisionAsync(connection, transaction, inserted + replaced > 0, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DailyWriteResult(inserted, replaced, revision);
    }

    private static async Task<long> BumpRevisionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool changed, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            changed
                ? $"update {DailyBarSchema.Revision} set revision = revision + 1, changed_at = now() returning revision"
                : $"select revision from {DailyBarSchema.Revision}",
            connection,
            transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
