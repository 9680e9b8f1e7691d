using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using RiskRadar.Contracts.Events;
using RiskRadar.Testing;
using RiskRadar.TimeSeries;

namespace RiskRadar.Api.Tests;

/// <summary>
/// PostgreSQL, Redis and the development broker, the Api and the Gateway in front of it, each its own process, with
/// the instrument master and a bar history in the store. Tests talk to the Gateway only.
/// </summary>
public sealed class ApiStack : IAsyncLifetime
{
    public const string Tenant = "alpha";
    public const string OtherTenant = "beta";

    public const string UserName = "alice";

    // Test-only secrets: every run generates its own, nothing is committed.
    private readonly string _signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    public string SigningKey => _signingKey;

    public string UserPassword { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));

    public LocalPostgres Postgres { get; private set; } = null!;

    public LocalRedis Redis { get; private set; } = null!;

    public LocalKafka Kafka { get; private set; } = null!;

    public ServiceProcess Api { get; private set; } = null!;

    public ServiceProcess Gateway { get; private set; } = null!;

    public NpgsqlDataSource Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var postgres = LocalPostgres.StartAsync();
        var redis = LocalRedis.StartAsync();
        var kafka = LocalKafka.StartAsync();
        Postgres = await postgres;
        Redis = await redis;
        Kafka = await kafka;
        Database = Postgres.CreateDataSource();
        await SeedMarketDataAsync();

        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__timeseries"] = Postgres.ConnectionString,
            ["ConnectionStrings__cache"] = Redis.ConnectionString,
            ["ConnectionStrings__kafka"] = Kafka.BootstrapServers,
            ["Auth__SigningKey"] = _signingKey,
            ["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable("RISKRADAR_TEST_SERVICE_LOG_LEVEL") ?? "Warning",
        };
        Api = await ServiceProcess.StartAsync("RiskRadar.Api", new Dictionary<string, string>(common)
        {
            ["Portfolios__OutboxPollInterval"] = "00:00:00.200",
        });
        Gateway = await StartGatewayAsync(new Dictionary<string, string>
        {
            // Most tests are about the Api behind the gateway, not its limits (GatewaySecurityTests start a strict one).
            ["RateLimits__PerUser__TokenLimit"] = "100000",
            ["RateLimits__PerUser__TokensPerPeriod"] = "100000",
        });
    }

    /// <summary>A gateway in front of the stack's Api, with <paramref name="settings"/> on top of the common ones.</summary>
    public Task<ServiceProcess> StartGatewayAsync(IDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__timeseries"] = Postgres.ConnectionString,
            ["ConnectionStrings__cache"] = Redis.ConnectionString,
            ["ConnectionStrings__kafka"] = Kafka.BootstrapServers,
            ["Auth__SigningKey"] = _signingKey,
            ["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable("RISKRADAR_TEST_SERVICE_LOG_LEVEL") ?? "Warning",
            ["services__api__http__0"] = Api.BaseAddress.ToString().TrimEnd('/'),
            ["Auth__Users__0__Username"] = UserName,
            ["Auth__Users__0__Tenant"] = Tenant,
            ["Auth__Users__0__Roles__0"] = "risk-manager",
            ["Auth__Users__0__PasswordHash"] = RiskRadar.Contracts.Security.PasswordHash.Create(UserPassword),
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return ServiceProcess.StartAsync("RiskRadar.Gateway", environment);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Api.DisposeAsync();
        await Database.DisposeAsync();
        await Kafka.DisposeAsync();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    /// <summary>A client of the gateway with a token of <paramref name="role"/> in <paramref name="tenant"/>.</summary>
    public HttpClient Client(string role = "risk-manager", string tenant = Tenant, string subject = "tester")
    {
        var client = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, tenant, subject));
        return client;
    }

    public string Token(string role, string tenant, string subject = "tester")
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "riskradar-gateway",
            Audience = "riskradar-api",
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("tenant", tenant), new Claim("role", role)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task SeedMarketDataAsync()
    {
        // The instrument master as Ingestion creates and seeds it (src/RiskRadar.Ingestion/Instruments/InstrumentStore.cs).
        await using (var command = Database.CreateCommand("""
            create table if not exists instruments (
                instrument_id text primary key, symbol text not null unique, asset_class text not null,
                currency text not null, price_scale float8 not null default 1, updated_at timestamptz not null default now());
            insert into instruments (instrument_id, symbol, asset_class, currency) values
                ('EQ.AAA', 'AAA', 'Equity', 'USD'), ('EQ.BBB', 'BBB', 'Equity', 'USD'), ('EQ.CCC', 'CCC', 'Equity', 'EUR'),
                ('CR.BTCUSD', 'BTCUSD', 'Crypto', 'USD'), ('FX.EURUSD', 'EURUSD', 'Fx', 'USD'), ('EQ.NOBARS', 'NOBARS', 'Equity', 'USD')
            on conflict do nothing
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        await TimeSeriesSchema.EnsureCreatedAsync(Database, new TimeSeriesOptions());
        var bars = MarketHistory.Instruments.SelectMany(instrument => MarketHistory.Bars(instrument)).ToList();
        await TimeSeriesSchema.EnsurePartitionsAsync(Database, MarketHistory.Start.AddDays(-1), MarketHistory.Start.AddDays(2));
        await new RiskHistoryWriter(Database).WriteAsync([], bars);
    }
}

[CollectionDefinition(Name)]
public sealed class ApiStackCollection : ICollectionFixture<ApiStack>
{
    public const string Name = "api-stack";
}
