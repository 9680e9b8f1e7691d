using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using RiskRadar.Contracts.Security;
using RiskRadar.Testing;

namespace RiskRadar.Gateway.Tests;

/// <summary>
/// PostgreSQL, Redis and the development broker, the Api with the gateway in front of it, and a second gateway in front
/// of <see cref="TestUpstream"/> (an echo upstream that is also an OIDC authority) — each service its own process,
/// started once for every test of the collection.
/// </summary>
public sealed class GatewayStack : IAsyncLifetime
{
    public const string Issuer = "riskradar-gateway";
    public const string Audience = "riskradar-api";
    public const string Tenant = "alpha";
    public const string OtherTenant = "beta";

    /// <summary>The only browser origin the edge gateway allows.</summary>
    public const string AllowedOrigin = "https://app.example.com";

    // Test-only secrets: every run generates its own, nothing is committed.
    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    /// <summary>Users seeded from configuration: name → (tenant, role, password).</summary>
    public IReadOnlyDictionary<string, (string Tenant, string Role, string Password)> Users { get; } = new Dictionary<string, (string, string, string)>
    {
        ["alice"] = (Tenant, "risk-manager", NewPassword()),
        ["root"] = (Tenant, "admin", NewPassword()),
        ["vera"] = (Tenant, "viewer", NewPassword()),
        ["olga"] = (OtherTenant, "admin", NewPassword()),
    };

    public LocalServers Servers { get; private set; } = null!;

    public LocalPostgres Postgres => Servers.Postgres;

    public LocalRedis Redis => Servers.Redis;

    public LocalKafka Kafka => Servers.Kafka;

    public ServiceProcess Api { get; private set; } = null!;

    /// <summary>The gateway in front of the Api.</summary>
    public ServiceProcess Gateway { get; private set; } = null!;

    /// <summary>A gateway in front of <see cref="Upstream"/>, trusting it as OIDC authority and allowing <see cref="AllowedOrigin"/>.</summary>
    public ServiceProcess EdgeGateway { get; private set; } = null!;

    public TestUpstream Upstream { get; private set; } = null!;

    public NpgsqlDataSource Database { get; private set; } = null!;

    public AuditTail AuditTopic { get; private set; } = null!;

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
        Upstream = await TestUpstream.StartAsync();
        Servers = await LocalServers.StartAsync();
        Database = Postgres.CreateDataSource();
        AuditTopic = new AuditTail(Kafka.BootstrapServers);

        // The instrument master as Ingestion keeps it; the Api reads it to validate positions.
        await InstrumentMasterSeed.SeedAsync(Database, [("EQ.AAPL", "AAPL", "Equity", "USD")]);

        Api = await ServiceProcess.StartAsync("RiskRadar.Api", new Dictionary<string, string>(Common())
        {
            ["Portfolios__OutboxPollInterval"] = "00:00:00.200",
        });
        // One gateway at a time: both create the same tables at start (under advisory locks, but 2 cores are few).
        Gateway = await StartGatewayAsync(new Dictionary<string, string>());
        EdgeGateway = await StartGatewayAsync(
            new Dictionary<string, string>
            {
                ["Auth__Authority"] = Upstream.Authority,
                ["Auth__RequireHttpsMetadata"] = "false",
                ["Gateway__AllowedOrigins__0"] = AllowedOrigin,
            },
            upstream: Upstream.BaseAddress);
    }

    /// <summary>
    /// A gateway in front of the stack's Api (or <paramref name="upstream"/>), with generous limits unless
    /// <paramref name="settings"/> (environment variables) say otherwise.
    /// </summary>
    public Task<ServiceProcess> StartGatewayAsync(IDictionary<string, string> settings, Uri? upstream = null)
    {
        var environment = new Dictionary<string, string>(Common())
        {
            ["services__api__http__0"] = (upstream ?? Api.BaseAddress).ToString().TrimEnd('/'),
            ["RateLimits__PerUser__TokenLimit"] = "100000",
            ["RateLimits__PerUser__TokensPerPeriod"] = "100000",
            ["RateLimits__PerApiKey__TokenLimit"] = "100000",
            ["RateLimits__PerApiKey__TokensPerPeriod"] = "100000",
            ["RateLimits__TokenEndpoint__PermitLimit"] = "100000",
        };
        var index = 0;
        foreach (var (name, (tenant, role, password)) in Users)
        {
            environment[$"Auth__Users__{index}__Username"] = name;
            environment[$"Auth__Users__{index}__Tenant"] = tenant;
            environment[$"Auth__Users__{index}__Roles__0"] = role;
            // Fewer PBKDF2 iterations than production's 600,000: the tests check the protocol, not the work factor.
            environment[$"Auth__Users__{index}__PasswordHash"] = PasswordHash.Create(password, 10_000);
            index++;
        }

        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return ServiceProcess.StartAsync("RiskRadar.Gateway", environment);
    }

    /// <summary>A client of <paramref name="gateway"/> (the main one by default) with a locally signed token.</summary>
    public HttpClient Client(string role = "risk-manager", string tenant = Tenant, string subject = "tester", ServiceProcess? gateway = null)
    {
        var client = Anonymous(gateway);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, tenant, subject));
        return client;
    }

    public HttpClient Anonymous(ServiceProcess? gateway = null) =>
        new() { BaseAddress = (gateway ?? Gateway).BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public string Token(string role, string tenant = Tenant, string subject = "tester")
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("tenant", tenant), new Claim("role", role)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A password login at <c>POST /auth/token</c> of the main gateway.</summary>
    public async Task<JsonNode> LoginAsync(string user)
    {
        using var client = Anonymous();
        var response = await client.PostAsJsonAsync("/auth/token", new { grant_type = "password", username = user, password = Users[user].Password });
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>The audit row of the response's request, which the gateway writes as the response ends.</summary>
    public async Task<JsonObject> AuditRowAsync(HttpResponseMessage response, int status, string outcome)
    {
        var correlation = response.CorrelationId();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using var command = Database.CreateCommand("select row_to_json(a)::text from audit_events a where correlation_id = $1");
            command.Parameters.Add(new() { Value = correlation });
            if (await command.ExecuteScalarAsync() is string json)
            {
                var record = JsonNode.Parse(json)!.AsObject();
                Assert.Equal(status, record["status"]!.GetValue<int>());
                Assert.Equal(outcome, record["outcome"]!.GetValue<string>());
                Assert.False(string.IsNullOrEmpty(record["route"]!.GetValue<string>()));
                return record;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No audit record with correlation id {correlation}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Both trails: the row in <c>audit_events</c> and the same record on <c>audit.events</c>.</summary>
    public async Task<JsonObject> AssertAuditedAsync(HttpResponseMessage response, int status, string outcome)
    {
        var row = await AuditRowAsync(response, status, outcome);
        var published = await AuditTopic.WaitForAsync(response.CorrelationId());
        Assert.Equal(row["id"]!.GetValue<long>(), published["id"]!.GetValue<long>());
        Assert.Equal(status, published["status"]!.GetValue<int>());
        Assert.Equal(outcome, published["outcome"]!.GetValue<string>());
        return row;
    }

    public async Task DisposeAsync()
    {
        await DisposeQuietlyAsync(EdgeGateway);
        await DisposeQuietlyAsync(Gateway);
        await DisposeQuietlyAsync(Api);
        AuditTopic?.Dispose();
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        await DisposeQuietlyAsync(Upstream);
        await DisposeQuietlyAsync(Servers);
    }

    private static async Task DisposeQuietlyAsync(IAsyncDisposable? resource)
    {
        if (resource is not null)
        {
            await resource.DisposeAsync();
        }
    }

    private Dictionary<string, string> Common() => new(Servers.ConnectionStrings())
    {
        ["Auth__SigningKey"] = SigningKey,
        ["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable("RISKRADAR_TEST_SERVICE_LOG_LEVEL") ?? "Warning",
    };

    private static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
}

[CollectionDefinition(Name)]
public sealed class GatewayStackCollection : ICollectionFixture<GatewayStack>
{
    public const string Name = "gateway-stack";
}
