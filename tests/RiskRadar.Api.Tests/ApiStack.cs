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

    // A test-only key: every run generates its own, nothing is committed.
    private readonly string _signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    // Null until started (and when a start fails part way).
    public LocalServers Servers { get; private set; } = null!;

    public LocalPostgres Postgres => Servers.Postgres;

    public LocalRedis Redis => Servers.Redis;

    public LocalKafka Kafka => Servers.Kafka;

    public ServiceProcess Api { get; private set; } = null!;

    public ServiceProcess Gateway { get; private set; } = null!;

    public NpgsqlDataSource Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: whatever did start must not outlive the run.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        Servers = await LocalServers.StartAsync();
        Database = Postgres.CreateDataSource();
        await SeedMarketDataAsync();

        var common = new Dictionary<string, string>(Servers.ConnectionStrings())
        {
            ["Auth__SigningKey"] = _signingKey,
            ["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable("RISKRADAR_TEST_SERVICE_LOG_LEVEL") ?? "Warning",
        };
        Api = await ServiceProcess.StartAsync("RiskRadar.Api", new Dictionary<string, string>(common)
        {
            ["Portfolios__OutboxPollInterval"] = "00:00:00.200",
        });
        Gateway = await ServiceProcess.StartAsync("RiskRadar.Gateway", new Dictionary<string, string>(common)
        {
            ["services__api__http__0"] = Api.BaseAddress.ToString().TrimEnd('/'),
            // These tests are about the Api behind the gateway; the gateway's own limits are tests/RiskRadar.Gateway.Tests'.
            ["RateLimits__PerUser__TokenLimit"] = "100000",
            ["RateLimits__PerUser__TokensPerPeriod"] = "100000",
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new IAsyncDisposable?[] { Gateway, Api, Database, Servers })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
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
        await InstrumentMasterSeed.SeedAsync(Database,
        [
            ("EQ.AAA", "AAA", "Equity", "USD"), ("EQ.BBB", "BBB", "Equity", "USD"), ("EQ.CCC", "CCC", "Equity", "EUR"),
            ("CR.BTCUSD", "BTCUSD", "Crypto", "USD"), ("FX.EURUSD", "EURUSD", "Fx", "USD"), ("EQ.NOBARS", "NOBARS", "Equity", "USD"),
        ]);

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
