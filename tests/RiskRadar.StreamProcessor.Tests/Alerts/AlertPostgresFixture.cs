using Npgsql;
using RiskRadar.Alerts;
using RiskRadar.StreamProcessor.Sinks.Alerts;
using RiskRadar.Testing;

namespace RiskRadar.StreamProcessor.Tests.Alerts;

/// <summary>One local PostgreSQL with the alert tables for the alert tests; each test uses its own tenant and rule ids.</summary>
public sealed class AlertPostgresFixture : IAsyncLifetime
{
    private LocalPostgres? _server;
    private NpgsqlDataSource? _dataSource;

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _server = await LocalPostgres.StartAsync();
        _dataSource = _server.CreateDataSource();
        await AlertSchema.EnsureCreatedAsync(_dataSource);
        await AlertSchema.EnsureCreatedAsync(_dataSource);
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

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new() { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new() { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AlertPostgresCollection : ICollectionFixture<AlertPostgresFixture>
{
    public const string Name = "alerts-postgres";
}
