using Npgsql;
using RiskRadar.Testing;

namespace RiskRadar.Data.Tests;

public sealed class PostgresSchemaTests(PostgresSchemaTests.Database database) : IClassFixture<PostgresSchemaTests.Database>
{
    private const string Ddl = """
        create table if not exists schema_probe (id bigint primary key, name text not null);
        create unique index if not exists schema_probe_name on schema_probe (name);
        """;

    private NpgsqlDataSource DataSource => database.DataSource;

    /// <summary>Replicas starting together: without the lock, concurrent "if not exists" collide on the catalog.</summary>
    [Fact]
    public async Task Replicas_creating_the_same_schema_at_once_all_succeed_and_it_exists_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => PostgresSchema.ApplyAsync(DataSource, 0x5465_7374, Ddl, CancellationToken.None))));
        await PostgresSchema.ApplyAsync(DataSource, 0x5465_7374, Ddl, CancellationToken.None);

        await using var command = DataSource.CreateCommand("select count(*) from pg_indexes where tablename = 'schema_probe'");
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Ddl_that_fails_leaves_nothing_behind()
    {
        await Assert.ThrowsAsync<PostgresException>(() => PostgresSchema.ApplyAsync(
            DataSource, 0x5465_7375, "create table half_made (id int); create index on missing_table (id);", CancellationToken.None));

        await using var command = DataSource.CreateCommand("select to_regclass('half_made') is null");
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }

    /// <summary>One local PostgreSQL for the class.</summary>
    public sealed class Database : IAsyncLifetime
    {
        private LocalPostgres? _server;
        private NpgsqlDataSource? _dataSource;

        public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync()
        {
            _server = await LocalPostgres.StartAsync();
            _dataSource = _server.CreateDataSource();
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
    }
}
