using Npgsql;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.TimeSeries.History;

namespace RiskRadar.TimeSeries.Scenarios;

/// <summary>
/// Scenario sets in PostgreSQL, in their binary form: the one place every replica of every service takes the same
/// set from, and where a result's set id can be looked up later.
/// </summary>
public sealed class ScenarioSetStore(NpgsqlDataSource dataSource)
{
    private const string Table = DailyBarSchema.ScenarioSets;

    /// <summary>Stores the set unless one with its id is already stored.</summary>
    public async Task SaveAsync(ScenarioSet set, long historyRevision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        await using var command = dataSource.CreateCommand($"""
            insert into {Table} (id, history_revision, as_of, lookback, depth, return_kind, max_fill_days, instruments, rows, fingerprint, payload)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            on conflict (id) do update set history_revision = greatest({Table}.history_revision, excluded.history_revision)
            """);
        command.Parameters.Add(new() { Value = set.Id });
        command.Parameters.Add(new() { Value = historyRevision });
        command.Parameters.Add(new() { Value = set.AsOf });
        command.Parameters.Add(new() { Value = set.Parameters.Lookback });
        command.Parameters.Add(new() { Value = set.Parameters.Depth });
        command.Parameters.Add(new() { Value = set.Kind.ToString() });
        command.Parameters.Add(new() { Value = set.Parameters.MaxFillDays });
        command.Parameters.Add(new() { Value = set.Instruments.Count });
        command.Parameters.Add(new() { Value = set.Rows });
        command.Parameters.Add(new() { Value = set.Fingerprint });
        command.Parameters.Add(new() { Value = ScenarioSetCodec.Encode(set) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The set built with <paramref name="parameters"/> from the history at <paramref name="historyRevision"/>, if one is stored.</summary>
    public async Task<ScenarioSet?> FindAsync(long historyRevision, ScenarioSetParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        await using var command = dataSource.CreateCommand($"""
            select payload from {Table}
            where history_revision = $1 and lookback = $2 and depth = $3 and return_kind = $4 and max_fill_days = $5
            limit 1
            """);
        command.Parameters.Add(new() { Value = historyRevision });
        command.Parameters.Add(new() { Value = parameters.Lookback });
        command.Parameters.Add(new() { Value = parameters.Depth });
        command.Parameters.Add(new() { Value = parameters.Kind.ToString() });
        command.Parameters.Add(new() { Value = parameters.MaxFillDays });
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] payload ? ScenarioSetCodec.Decode(payload) : null;
    }

    public async Task<ScenarioSet?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select payload from {Table} where id = $1");
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] payload ? ScenarioSetCodec.Decode(payload) : null;
    }

    /// <summary>Deletes sets created before <paramref name="cutoff"/> except the newest; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            delete from {Table} where created_at < $1 and id <> (select id from {Table} order by history_revision desc, created_at desc limit 1)
            """);
        command.Parameters.Add(new() { Value = cutoff });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
