using Npgsql;

namespace RiskRadar.Testing;

/// <summary>
/// PostgreSQL from the machine's binaries via <c>eng/local/postgres.sh</c> (the AppHost's local mode), on a free
/// loopback port with a fresh data directory and database. Share one per test class or collection.
/// </summary>
public sealed class LocalPostgres : ServerProcess
{
    private readonly string _password = Guid.NewGuid().ToString("N");

    private LocalPostgres()
        : base("postgres")
    {
    }

    public const string Database = "riskradar_test";

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Password = _password,
        Database = Database,
        Pooling = true,
    }.ConnectionString;

    public static async Task<LocalPostgres> StartAsync()
    {
        var server = new LocalPostgres();
        server.Start("bash", [Path.Combine(RepositoryRoot, "eng", "local", "postgres.sh"), Path.Combine(server.DataDirectory, "pg")], new Dictionary<string, string>
        {
            ["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["POSTGRES_PASSWORD"] = server._password,
            ["POSTGRES_DB"] = Database,
        });
        await server.WaitUntilReadyAsync(async ct =>
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync(ct);
        }, TimeSpan.FromSeconds(60));
        return server;
    }

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);
}
