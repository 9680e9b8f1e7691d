using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.TimeSeries;
using StackExchange.Redis;

namespace RiskRadar.Api.Tests;

/// <summary>The latest aggregate (Redis), its history (time-series store) and the live WebSocket feed, through the gateway.</summary>
[Collection(ApiStackCollection.Name)]
public sealed class LiveRiskTests(ApiStack stack)
{
    [Fact]
    public async Task The_latest_aggregate_and_the_bucketed_history_are_served_for_the_tenants_portfolio()
    {
        using var client = stack.Client(role: "viewer");
        using var writer = stack.Client();
        var (id, _) = await writer.CreatePortfolioAsync(Http.Unique("latest"));
        await (await client.GetAsync($"/v1/portfolios/{id}/risk")).ExpectProblemAsync(HttpStatusCode.NotFound);

        var end = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        var aggregates = Enumerable.Range(0, 12).Select(k => Aggregate(id, "1m", end.AddMinutes(k * 10), var99: 1_000 + k)).ToList();
        await new RiskHistoryWriter(stack.Database).WriteAsync(aggregates, []);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(stack.Redis.ConnectionString))
        {
            // Written as the StreamProcessor's sink writes: a redelivered older window must not replace the newer one.
            var cache = new LatestRiskCache(redis);
            await cache.WriteAsync([Aggregate(id, "10s", end, 42)]);
            await cache.WriteAsync([Aggregate(id, "10s", end.AddSeconds(-10), 41)]);
            await cache.WriteAsync([Aggregate(id, "1d", new DateTimeOffset(end.UtcDateTime.Date, TimeSpan.Zero), 77)]);
        }

        var latest = await (await client.GetAsync($"/v1/portfolios/{id}/risk")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(42, latest["var99"]!.GetValue<double>());
        Assert.Equal(end, latest["windowEnd"]!.GetValue<DateTimeOffset>());
        await (await client.GetAsync($"/v1/portfolios/{id}/risk?window=1m")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(77, (await (await client.GetAsync($"/v1/portfolios/{id}/risk?window=1d")).ExpectAsync(HttpStatusCode.OK))["var99"]!.GetValue<double>());
        var unknown = await (await client.GetAsync($"/v1/portfolios/{id}/risk?window=5m")).ExpectProblemAsync(HttpStatusCode.BadRequest, "window");
        Assert.Equal("window must be 10s, 1m or 1d.", unknown["errors"]!["window"]![0]!.GetValue<string>());

        var history = await (await client.GetAsync($"/v1/portfolios/{id}/risk/history?from={Uri.EscapeDataString(end.ToString("O"))}&to={Uri.EscapeDataString(end.AddHours(2).ToString("O"))}&interval=1h&window=1m"))
            .ExpectAsync(HttpStatusCode.OK);
        var buckets = history["buckets"]!.AsArray();
        Assert.Equal(2, buckets.Count);
        Assert.Equal(6, buckets[0]!["count"]!.GetValue<int>());
        Assert.Equal(1_005, buckets[0]!["maxVar99"]!.GetValue<double>());
        Assert.Equal(1_011, buckets[1]!["maxVar99"]!.GetValue<double>());

        using var other = stack.Client(role: "admin", tenant: ApiStack.OtherTenant);
        await (await other.GetAsync($"/v1/portfolios/{id}/risk/history")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/v1/portfolios/{id}/risk/history?interval=0h")).ExpectProblemAsync(HttpStatusCode.BadRequest, "interval");
    }

    [Fact]
    public async Task A_websocket_client_receives_each_new_aggregate_of_its_portfolio()
    {
        using var writer = stack.Client();
        var (id, _) = await writer.CreatePortfolioAsync(Http.Unique("live"));
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {stack.Token("viewer", ApiStack.Tenant)}");
        var uri = new UriBuilder(stack.Gateway.BaseAddress) { Scheme = "ws", Path = "/v1/stream/risk", Query = $"portfolio={id}" }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(uri, timeout.Token);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(stack.Redis.ConnectionString);
        var cache = new LatestRiskCache(redis);
        var published = Aggregate(id, "10s", DateTimeOffset.UtcNow, 7);
        var buffer = new byte[64 * 1024];
        var receive = socket.ReceiveAsync(buffer, timeout.Token);
        // The subscription starts as the socket is accepted; publish until the client has it.
        while (!receive.IsCompleted)
        {
            await cache.WriteAsync([published]);
            await Task.WhenAny(receive, Task.Delay(200, timeout.Token));
        }

        var result = await receive;
        var received = EventSerializers.RiskAggregate.Deserialize(buffer.AsSpan(0, result.Count), false, default);
        Assert.Equal(id, received.PortfolioId);
        Assert.Equal(7, received.Var99);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task The_provisional_figure_is_served_for_the_tenants_portfolio_and_streamed_only_to_clients_that_ask()
    {
        using var client = stack.Client(role: "viewer");
        using var writer = stack.Client();
        var (id, _) = await writer.CreatePortfolioAsync(Http.Unique("provisional"));
        await (await client.GetAsync($"/v1/portfolios/{id}/risk/provisional")).ExpectProblemAsync(HttpStatusCode.NotFound);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var finalOnly = await ConnectAsync(id, "", timeout.Token);
        using var withProvisional = await ConnectAsync(id, "&provisional=true", timeout.Token);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(stack.Redis.ConnectionString);
        var cache = new ProvisionalRiskCache(redis);
        var figure = new ProvisionalRisk(id, ApiStack.Tenant, "USD", DateTimeOffset.UtcNow, 1_250_000, -3_400, DateTimeOffset.UtcNow.AddSeconds(-4),
            1_300_000, 1_250_000, new Dictionary<string, double> { ["equity"] = 1_250_000 }, 21_000, 30_500, 36_000, 0.18, 500, 3, [], DateTimeOffset.UtcNow, "daily-test", 4,
            DateTimeOffset.UtcNow.AddMilliseconds(-200));
        var buffer = new byte[64 * 1024];
        var receive = withProvisional.ReceiveAsync(buffer, timeout.Token);
        var notReceived = finalOnly.ReceiveAsync(new byte[1024], timeout.Token);
        while (!receive.IsCompleted)
        {
            await cache.WriteAsync([figure]);
            await Task.WhenAny(receive, Task.Delay(200, timeout.Token));
        }

        var pushed = System.Text.Json.Nodes.JsonNode.Parse(buffer.AsSpan(0, (await receive).Count))!;
        Assert.Equal("provisional", pushed["kind"]!.GetValue<string>());
        Assert.Equal(30_500, pushed["var99"]!.GetValue<double>());
        await Task.Delay(500, timeout.Token);
        Assert.False(notReceived.IsCompleted, "a client that did not ask for provisional figures received one");

        var served = await (await client.GetAsync($"/v1/portfolios/{id}/risk/provisional")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1_250_000, served["marketValue"]!.GetValue<double>());
        Assert.Equal("provisional", served["kind"]!.GetValue<string>());
        using var other = stack.Client(role: "admin", tenant: ApiStack.OtherTenant);
        await (await other.GetAsync($"/v1/portfolios/{id}/risk/provisional")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<ClientWebSocket> ConnectAsync(string portfolioId, string query, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {stack.Token("viewer", ApiStack.Tenant)}");
        var uri = new UriBuilder(stack.Gateway.BaseAddress) { Scheme = "ws", Path = "/v1/stream/risk", Query = $"portfolio={portfolioId}{query}" }.Uri;
        await socket.ConnectAsync(uri, cancellationToken);
        return socket;
    }

    [Fact]
    public async Task A_websocket_without_a_token_or_for_another_tenant_is_refused()
    {
        using var writer = stack.Client();
        var (id, _) = await writer.CreatePortfolioAsync(Http.Unique("live-denied"));
        var uri = new UriBuilder(stack.Gateway.BaseAddress) { Scheme = "ws", Path = "/v1/stream/risk", Query = $"portfolio={id}" }.Uri;

        using var anonymous = new ClientWebSocket { Options = { CollectHttpResponseDetails = true } };
        await Assert.ThrowsAsync<WebSocketException>(() => anonymous.ConnectAsync(uri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.HttpStatusCode);

        using var intruder = new ClientWebSocket { Options = { CollectHttpResponseDetails = true } };
        intruder.Options.SetRequestHeader("Authorization", $"Bearer {stack.Token("admin", ApiStack.OtherTenant)}");
        await Assert.ThrowsAsync<WebSocketException>(() => intruder.ConnectAsync(uri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, intruder.HttpStatusCode);
    }

    [Fact]
    public async Task Alert_rules_are_edited_with_versions_and_webhooks_need_an_admin()
    {
        using var manager = stack.Client();
        var (id, _) = await manager.CreatePortfolioAsync(Http.Unique("alerts"));
        var created = await manager.PostAsJsonAsync("/v1/alerts/rules", new { portfolioId = id, metric = "var99", threshold = 1_000_000.0, window = "1m" });
        var rule = await created.ExpectAsync(HttpStatusCode.Created);
        var ruleId = rule["id"]!.GetValue<string>();
        var etag = created.Headers.ETag!.Tag;

        var updated = await manager.SendAsync(HttpMethod.Put, $"/v1/alerts/rules/{ruleId}", Http.Json($$"""{"portfolioId":"{{id}}","metric":"es975","threshold":5e5}"""), etag);
        Assert.Equal("es975", (await updated.ExpectAsync(HttpStatusCode.OK))["metric"]!.GetValue<string>());
        await (await manager.SendAsync(HttpMethod.Put, $"/v1/alerts/rules/{ruleId}", Http.Json("""{"metric":"var95","threshold":1}"""), etag))
            .ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await manager.PostAsJsonAsync("/v1/alerts/rules", new { metric = "horoscope", threshold = 1.0 })).ExpectProblemAsync(HttpStatusCode.BadRequest, "metric");

        // Rules on the provisional figures: a hold-down (30 s unless given), and only the metrics those figures carry.
        var live = await (await manager.PostAsJsonAsync("/v1/alerts/rules", new { portfolioId = id, metric = "var99", threshold = 1e6, window = "provisional" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(("provisional", 30.0), (live["window"]!.GetValue<string>(), live["holdDownSeconds"]!.GetValue<double>()));
        var held = await (await manager.PostAsJsonAsync("/v1/alerts/rules", new { metric = "var95", threshold = 1e6, window = "provisional", holdDownSeconds = 2.5 })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2.5, held["holdDownSeconds"]!.GetValue<double>());
        Assert.Null(rule["holdDownSeconds"]);
        var noEs99 = await (await manager.PostAsJsonAsync("/v1/alerts/rules", new { metric = "es99", threshold = 1.0, window = "provisional" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "metric");
        Assert.StartsWith("metric of a provisional rule must be var95, var99, es975,", noEs99["errors"]!["metric"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await (await manager.PostAsJsonAsync("/v1/alerts/rules", new { metric = "var99", threshold = 1.0, window = "1m", holdDownSeconds = 10 })).ExpectProblemAsync(HttpStatusCode.BadRequest, "holdDownSeconds");
        await (await manager.PostAsJsonAsync("/v1/alerts/rules", new { metric = "var99", threshold = 1.0, window = "provisional", holdDownSeconds = 7200 })).ExpectProblemAsync(HttpStatusCode.BadRequest, "holdDownSeconds");
        await (await manager.PostAsJsonAsync("/v1/alerts/rules", new { portfolioId = "not-mine", metric = "var99", threshold = 1.0 })).ExpectProblemAsync(HttpStatusCode.BadRequest, "portfolioId");

        using var other = stack.Client(role: "admin", tenant: ApiStack.OtherTenant);
        await (await other.GetAsync($"/v1/alerts/rules/{ruleId}")).ExpectProblemAsync(HttpStatusCode.NotFound);

        await (await manager.PostAsJsonAsync("/v1/alerts/webhooks", new { url = "https://hooks.example.com/risk", secret = "0123456789abcdef0123" })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        using var admin = stack.Client(role: "admin");
        var target = await (await admin.PostAsJsonAsync("/v1/alerts/webhooks", new { url = "https://hooks.example.com/risk", secret = "0123456789abcdef0123" })).ExpectAsync(HttpStatusCode.Created);
        var listed = await (await admin.GetAsync("/v1/alerts/webhooks")).ReadJsonAsync();
        Assert.Contains(listed.AsArray(), t => t!["id"]!.GetValue<string>() == target["id"]!.GetValue<string>());
        Assert.DoesNotContain("0123456789abcdef0123", listed.ToJsonString(), StringComparison.Ordinal);
    }

    private static RiskAggregate Aggregate(string portfolioId, string window, DateTimeOffset end, double var99) => new(
        portfolioId, ApiStack.Tenant, window, end.AddMinutes(-1), end, "USD", 1_000_000, 100, 1_000_000, 1_000_000,
        new Dictionary<string, double> { ["Equity"] = 1_000_000 }, var99 / 2, var99, var99 / 1.5, var99 * 1.1, var99 * 1.2, 0.2, 1.1, 0.05,
        300, 3, [], end);
}
