using System.Net.WebSockets;
using System.Security.Claims;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.HttpResults;
using RiskRadar.Api.Http;
using RiskRadar.Api.Portfolios;
using RiskRadar.Contracts.Caching;
using RiskRadar.ServiceDefaults.Auth;
using StackExchange.Redis;

namespace RiskRadar.Api.Apis;

/// <summary>
/// <c>GET /v1/stream/risk?portfolio=…[&amp;provisional=true]</c> upgraded to a WebSocket: every new aggregate of the
/// portfolio, as the StreamProcessor publishes it on Redis, sent as one JSON text message; with
/// <c>provisional=true</c> also its provisional figures between window ends (they carry <c>"kind": "provisional"</c>),
/// and while such a socket is open the portfolio is watched, so its value follows every tick. The token is checked on connect like on any
/// request (header, or <c>access_token</c> for browsers, which cannot set headers on a WebSocket).
/// </summary>
public static class LiveRiskApi
{
    // A slow client must not make the server buffer without bound: the oldest updates are dropped for it instead.
    private const int ClientBuffer = 64;

    public static RouteHandlerBuilder MapLiveRiskApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/stream/risk", StreamRisk)
            .WithTags("Live")
            .WithName("StreamRisk")
            .WithSummary("WebSocket: each new risk aggregate of the portfolio as a JSON message")
            .RequireAuthorization(RiskRadarPolicies.Viewer);

    public static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> StreamRisk(
        string? portfolio, bool? provisional, HttpContext context, ClaimsPrincipal user, PortfolioStore store, LatestRiskCache cache,
        ProvisionalRiskCache provisionalCache, LiveWatchRegistry watches, ILoggerFactory loggers)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status426UpgradeRequired, title: "WebSocket required",
                detail: "Connect with a WebSocket client (Upgrade: websocket).");
        }

        if (string.IsNullOrEmpty(portfolio))
        {
            return Problems.Invalid("portfolio", "The portfolio query parameter is required.");
        }

        var cancellationToken = context.RequestAborted;
        if (await store.GetAsync(user.GetTenantId(), portfolio, cancellationToken) is null)
        {
            return Problems.PortfolioNotFound(portfolio);
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var updates = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(ClientBuffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var subscription = await cache.SubscribeAsync(portfolio, update => updates.Writer.TryWrite(update));
        var live = provisional == true ? await provisionalCache.SubscribeAsync(portfolio, update => updates.Writer.TryWrite(update)) : null;
        using var connected = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = provisional == true ? WatchAsync(watches, portfolio, loggers, connected.Token) : Task.CompletedTask;
        try
        {
            var closed = WaitForCloseAsync(socket, cancellationToken);
            var sending = SendAsync(socket, updates.Reader, cancellationToken);
            await Task.WhenAny(closed, sending);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            loggers.CreateLogger(typeof(LiveRiskApi)).LogDebug(ex, "Live risk client of {Portfolio} went away", portfolio);
        }
        finally
        {
            await connected.CancelAsync();
            await watching;
            await subscription.DisposeAsync();
            if (live is not null)
            {
                await live.DisposeAsync();
            }

            // Answer the client's close (CloseReceived) as well as closing an open socket ourselves.
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                }
                catch (WebSocketException)
                {
                    // The client is already gone.
                }
            }
        }

        return TypedResults.Empty;
    }

    /// <summary>Renews the portfolio's watch lease until the socket is done with.</summary>
    private static async Task WatchAsync(LiveWatchRegistry watches, string portfolioId, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    await watches.WatchAsync(portfolioId);
                }
                catch (RedisException ex)
                {
                    // The figures still come at every refresh; the next renewal tries again.
                    loggers.CreateLogger(typeof(LiveRiskApi)).LogWarning(ex, "Watching {Portfolio} live failed", portfolioId);
                }

                await Task.Delay(LiveWatchRegistry.Lease / 3, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task SendAsync(WebSocket socket, ChannelReader<byte[]> updates, CancellationToken cancellationToken)
    {
        await foreach (var update in updates.ReadAllAsync(cancellationToken))
        {
            await socket.SendAsync(update, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
    }

    private static async Task WaitForCloseAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        // Clients only listen; anything they send is read and dropped, so a close frame is noticed.
        var buffer = new byte[256];
        while (socket.State == WebSocketState.Open)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
        }
    }
}
