using Npgsql;
using RiskRadar.TimeSeries;

namespace RiskRadar.Api.Risk;

/// <summary>A closed bar's time, close and return, as scenarios need them.</summary>
public readonly record struct ScenarioBar(DateTimeOffset Start, DateTimeOffset End, double Close, double? Return);

/// <summary>The latest closed bars of several instruments from the time-series store, in one query.</summary>
public sealed class BarHistory(NpgsqlDataSource dataSource)
{
    /// <returns>Per instrument, its last <paramref name="count"/> bars oldest first; instruments without bars are absent.</returns>
    public async Task<Dictionary<string, List<ScenarioBar>>> LatestAsync(IReadOnlyCollection<string> instrumentIds, int count, CancellationToken cancellationToken)
    {
        var bars = new Dictionary<string, List<ScenarioBar>>(StringComparer.Ordinal);
        try
        {
            // One backward index scan per instrument (primary key instrument_id, bar_end), however long the history:
            // a window function over all of an instrument's bars would read months of them to keep a few hundred.
            await using var command = dataSource.CreateCommand($"""
                select i.id, b.bar_start, b.bar_end, b.close, b.ret
                from unnest($1::text[]) as i(id)
                cross join lateral (
                    select bar_start, bar_end, close, ret from {TimeSeriesTables.Bars}
                    where instrument_id = i.id
                    order by bar_end desc
                    limit $2) b
                order by i.id, b.bar_end
                """);
            command.Parameters.Add(new() { Value = instrumentIds.ToArray() });
            command.Parameters.Add(new() { Value = count });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0);
                if (!bars.TryGetValue(id, out var list))
                {
                    bars[id] = list = [];
                }

                list.Add(new ScenarioBar(
                    reader.GetFieldValue<DateTimeOffset>(1),
                    reader.GetFieldValue<DateTimeOffset>(2),
                    reader.GetDouble(3),
                    reader.IsDBNull(4) ? null : reader.GetDouble(4)));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No history stored yet: every instrument is without history.
        }

        return bars;
    }
}
