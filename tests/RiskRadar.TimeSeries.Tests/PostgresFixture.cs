using Npgsql;
using RiskRadar.Testing;

namespace RiskRadar.TimeSeries.Tests;

/// <summary>One local PostgreSQL (plain, no TimescaleDB) per test class, with the schema created.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private LocalPostgres? _server;
    private NpgsqlDataSource? _dataSource;

    public LocalPostgres Server => _server ?? throw new InvalidOperationException("Not started.");

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Not started.");

    public TimeSeriesOptions Options { get; } = new();

    public TimeSeriesMode Mode { get; private set; }

    public async Task InitializeAsync()
    {
        _server = await LocalPostgres.StartAsync();
        _dataSource = _server.CreateDataSource();
        Mode = await TimeSeriesSchema.EnsureCreatedAsync(_dataSource, Options);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Names of the partitions attached to a table, from the catalog.</summary>
    public async Task<IReadOnlyList<string>> PartitionsAsync(string table)
    {
        await using var command = DataSource.CreateCommand(
            "select c.relname::text from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = to_regclass(@table) order by 1");
        command.Parameters.AddWithValue("table", table);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
