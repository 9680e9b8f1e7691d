using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using StackExchange.Redis;

namespace RiskRadar.Gateway.Tests;

/// <summary>The live feed is a WebSocket the gateway proxies after checking the token on connect.</summary>
[Collection(GatewayStackCollection.Name)]
public sealed class WebSocketTests(GatewayStack stack)
{
    [Fact]
    public async Task A_viewer_s_websocket_is_proxied_to_the_api_and_carries_its_updates()
    {
        using var manager = stack.Client(role: "risk-manager");
        var created = await (await manager.PostAsJsonAsync("/v1/portfolios", new { name = Http.Unique("live"), baseCurrency = "USD" }))
            .ExpectAsync(HttpStatusCode.Created);
        var portfolio = created["id"]!.GetValue<string>();

        // Browsers cannot set headers on a WebSocket: the token may come as access_token on the upgrade request.
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(Uri(portfolio, stack.Token("viewer")), timeout.Token);
        Assert.Equal(WebSocketState.Open, socket.State);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(stack.Redis.ConnectionString);
        var cache = new LatestRiskCache(redis);
        var update = new RiskAggregate(portfolio, "tenant", "10s", DateTimeOffset.UtcNow.AddSeconds(-10), DateTimeOffset.UtcNow, "USD",
            1_000, 1, 1_000, 1_000, new Dictionary<string, double>(), null, 12.5, null, null, null, null, null, null, 0, 1, [], DateTimeOffset.UtcNow);
        // The Api subscribes once the socket is accepted: publish until the first message comes through.
        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var publisher = Task.Run(async () =>
        {
            while (!publishing.IsCancellationRequested)
            {
                await cache.WriteAsync([update]);
                await Task.Delay(200, CancellationToken.None);
            }
        });
        var buffer = new byte[16 * 1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        await publishing.CancelAsync();
        await publisher;
        var received = EventSerializers.RiskAggregate.Deserialize(buffer.AsSpan(0, result.Count), isNull: false, default);

        Assert.Equal(portfolio, received.PortfolioId);
        Assert.Equal(12.5, received.Var99);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task A_websocket_without_a_valid_token_is_refused_at_the_handshake_and_audited()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(Uri("p1", HandMadeTokens.Create(null, algorithm: "none")), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        var correlation = socket.HttpResponseHeaders!["X-Correlation-Id"].Single();
        await using var command = stack.Database.CreateCommand("select status from audit_events where correlation_id = $1");
        command.Parameters.Add(new() { Value = correlation });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        object? status;
        while ((status = await command.ExecuteScalarAsync()) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(401, status);
    }

    private Uri Uri(string portfolio, string token) =>
        new($"ws://{stack.Gateway.BaseAddress.Authority}/v1/stream/risk?portfolio={portfolio}&access_token={token}");
}
