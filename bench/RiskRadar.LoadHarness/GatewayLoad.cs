using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiskRadar.Contracts.Events;
using RiskRadar.Testing;
using RiskRadar.TimeSeries;

namespace RiskRadar.LoadHarness;

/// <summary>
/// The Api and the Gateway as processes over real PostgreSQL, Redis and the development broker, all on loopback with
/// the load generator. For each target rate: <c>POST /v1/risk/calculate</c> (20 positions, 250 scenarios, historical
/// VaR/ES) and <c>PUT …/positions/{instrument}</c>, once through the gateway (token validated, authorised, rate
/// limited, audited) and once on the Api directly (token validated), so the gateway's overhead shows.
/// </summary>
internal static class GatewayLoad
{
    private const int Instruments = 20;
    private const int Bars = 300;
    private const int Portfolios = 200;

    public static async Task<int> RunAsync(GatewayLoadOptions options)
    {
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        await using var postgres = await LocalPostgres.StartAsync();
        await using var redis = await LocalRedis.StartAsync();
        await using var kafka = await LocalKafka.StartAsync();
        await using var database = postgres.CreateDataSource();
        var ids = Enumerable.Range(0, Instruments).Select(i => $"EQ.G{i:D3}").ToArray();
        await SeedAsync(database, ids);

        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__timeseries"] = postgres.ConnectionString,
            ["ConnectionStrings__cache"] = redis.ConnectionString,
            ["ConnectionStrings__kafka"] = kafka.BootstrapServers,
            ["Auth__SigningKey"] = signingKey,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var api = await ServiceProcess.StartAsync("RiskRadar.Api", common);
        await using var gateway = await ServiceProcess.StartAsync("RiskRadar.Gateway", new Dictionary<string, string>(common)
        {
            ["services__api__http__0"] = api.BaseAddress.ToString().TrimEnd('/'),
            // The load is one user: its bucket must not be what is measured.
            ["RateLimits__PerUser__TokenLimit"] = "1000000",
            ["RateLimits__PerUser__TokensPerPeriod"] = "1000000",
        });

        var token = Token(signingKey);
        using var viaGateway = Client(gateway.BaseAddress, token, options.Connections);
        using var direct = Client(api.BaseAddress, token, options.Connections);
        var portfolios = await CreatePortfoliosAsync(direct);
        var calculate = CalculateBody(ids);

        // Unreported warm-up: JIT, connection pools and PostgreSQL's plan caches, on both paths.
        foreach (var client in new[] { viaGateway, direct })
        {
            await OpenLoopLoad.RunAsync(20, TimeSpan.FromSeconds(3), async (_, ct) =>
            {
                using var response = await client.PostAsync("/v1/risk/calculate", new StringContent(calculate, Encoding.UTF8, "application/json"), ct);
                return response.IsSuccessStatusCode;
            });
            await OpenLoopLoad.RunAsync(100, TimeSpan.FromSeconds(3), async (i, ct) =>
            {
                using var response = await client.PutAsync($"/v1/portfolios/{portfolios[i % portfolios.Count]}/positions/{ids[i % ids.Length]}",
                    new StringContent("""{"quantity":1}""", Encoding.UTF8, "application/json"), ct);
                return response.IsSuccessStatusCode;
            });
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Gateway load, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores; Api, Gateway, PostgreSQL, Redis, development broker and load generator on one machine; {options.Seconds} s per rate, open loop, latency from the due time");
        report.AppendLine();
        report.AppendLine("| request | path | target/s | sent | ok | failed | achieved/s | p50 ms | p95 ms | p99 ms | max ms |");
        report.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var duration = TimeSpan.FromSeconds(options.Seconds);
        foreach (var rate in options.CalculateRates)
        {
            foreach (var (name, client) in new[] { ("gateway", viaGateway), ("direct", direct) })
            {
                var result = await OpenLoopLoad.RunAsync(rate, duration, async (_, ct) =>
                {
                    using var response = await client.PostAsync("/v1/risk/calculate", new StringContent(calculate, Encoding.UTF8, "application/json"), ct);
                    return response.IsSuccessStatusCode;
                });
                Row(report, "POST /v1/risk/calculate", name, result);
                await Task.Delay(TimeSpan.FromSeconds(2)); // let queues drain between runs
            }
        }

        foreach (var rate in options.PositionRates)
        {
            foreach (var (name, client) in new[] { ("gateway", viaGateway), ("direct", direct) })
            {
                var result = await OpenLoopLoad.RunAsync(rate, duration, async (i, ct) =>
                {
                    var body = new StringContent($$"""{"quantity":{{1 + (i % 1000)}}}""", Encoding.UTF8, "application/json");
                    using var response = await client.PutAsync($"/v1/portfolios/{portfolios[i % portfolios.Count]}/positions/{ids[i % ids.Length]}", body, ct);
                    return response.IsSuccessStatusCode;
                });
                Row(report, "PUT …/positions/{id}", name, result);
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }

        Console.WriteLine(report);
        if (options.Output is { } output)
        {
            await File.AppendAllTextAsync(output, report + Environment.NewLine);
        }

        return 0;
    }

    private static void Row(StringBuilder report, string request, string path, LoadResult r) =>
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {request} | {path} | {r.Target:N0} | {r.Sent:N0} | {r.Succeeded:N0} | {r.Failed:N0} | {r.Achieved:N0} | {r.P50:N1} | {r.P95:N1} | {r.P99:N1} | {r.Max:N1} |");

    private static HttpClient Client(Uri baseAddress, string token, int connections)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Token(string signingKey)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "riskradar-gateway",
            Audience = "riskradar-api",
            Subject = new ClaimsIdentity([new Claim("sub", "load"), new Claim("tenant", "load"), new Claim("role", "risk-manager")]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    private static async Task<List<string>> CreatePortfoliosAsync(HttpClient client)
    {
        var ids = new List<string>();
        for (var p = 0; p < Portfolios; p++)
        {
            using var response = await client.PostAsJsonAsync("/v1/portfolios", new { name = $"load {p}", baseCurrency = "USD" });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
            ids.Add(body!["id"]!.GetValue<string>());
        }

        return ids;
    }

    private static string CalculateBody(string[] ids) =>
        $$"""{"positions":[{{string.Join(',', ids.Select((id, i) => $$"""{"instrumentId":"{{id}}","quantity":{{100 + i}}}"""))}}],"metrics":["var","es"],"confidence_level":0.99,"horizon":"1m","lookback":250}""";

    private static async Task SeedAsync(Npgsql.NpgsqlDataSource database, string[] ids)
    {
        await InstrumentMasterSeed.SeedAsync(database, ids.Select(id => (id, id[3..], "Equity", "USD")));
        await TimeSeriesSchema.EnsureCreatedAsync(database, new TimeSeriesOptions());
        var start = DateTimeOffset.UtcNow.AddHours(-6);
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerMinute));
        await TimeSeriesSchema.EnsurePartitionsAsync(database, start.AddDays(-1), start.AddDays(2));
        var random = new Random(7);
        var bars = new List<InstrumentBar>();
        foreach (var id in ids)
        {
            var price = 100.0;
            for (var t = 0; t < Bars; t++)
            {
                var previous = price;
                price *= 1 + ((random.NextDouble() - 0.5) * 0.01);
                var barStart = start.AddMinutes(t);
                bars.Add(new InstrumentBar(id, barStart, barStart.AddMinutes(1), price, price, price, price, 1, t == 0 ? null : (price / previous) - 1));
            }
        }

        await new RiskHistoryWriter(database).WriteAsync([], bars);
    }
}
