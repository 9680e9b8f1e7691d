using System.Collections.Concurrent;
using System.Net.WebSockets;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Web.Auth;

namespace RiskRadar.Web.Live;

/// <summary>
/// The live risk of the portfolios a page watches, from the gateway's WebSocket (<c>/v1/stream/risk</c>, with
/// provisional figures), one connection per portfolio for this circuit. A dropped connection is opened again with
/// a growing pause; the token goes in the Authorization header (server to gateway), never in a URL that logs keep.
/// </summary>
public sealed partial class LiveRiskFeed(
    CurrentUser user, GatewayWebSocketAddress gateway, ILogger<LiveRiskFeed> logger) : IAsyncDisposable
{
    private static readonly TimeSpan s_maxPause = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _watched = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<object, HashSet<string>> _owners = [];
    private bool _disposed;

    /// <summary>The portfolios with a connection (open or being opened) now.</summary>
    internal IReadOnlyCollection<string> Watched => [.. _watched.Keys];

    /// <summary>Raised on the feed's own thread: hand over to the renderer (<c>InvokeAsync</c>), do not block.</summary>
    public event Action<LiveRiskMessage>? Received;

    /// <summary>
    /// Watches these portfolios for <paramref name="owner"/> (a page) from now on, replacing what it watched before. A
    /// connection stays open while any owner watches its portfolio, so pages coming and going in either order do not
    /// close each other's.
    /// </summary>
    public void Watch(object owner, IEnumerable<string> portfolioIds)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(portfolioIds);
        lock (_owners)
        {
            if (_disposed)
            {
                return;
            }

            _owners[owner] = portfolioIds.ToHashSet(StringComparer.Ordinal);
            Reconcile();
        }
    }

    /// <summary>Stops watching for <paramref name="owner"/>.</summary>
    public void Release(object owner)
    {
        lock (_owners)
        {
            // A circuit may dispose the feed before the pages that used it.
            if (!_disposed && _owners.Remove(owner))
            {
                Reconcile();
            }
        }
    }

    private void Reconcile()
    {
        var wanted = _owners.Values.SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, watch) in _watched)
        {
            if (!wanted.Contains(id) && _watched.TryRemove(id, out _))
            {
                watch.Cancel();
                watch.Dispose();
            }
        }

        foreach (var id in wanted.Where(id => !_watched.ContainsKey(id)))
        {
            var watch = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            _watched[id] = watch;
            _ = Task.Run(() => RunAsync(id, watch.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_owners)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _stopping.CancelAsync();
        foreach (var watch in _watched.Values)
        {
            watch.Dispose();
        }

        _watched.Clear();
        _stopping.Dispose();
    }

    private async Task RunAsync(string portfolioId, CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromSeconds(1);
        var buffer = new byte[64 * 1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var token = await user.GetAccessTokenAsync(cancellationToken);
                if (token is null)
                {
                    return; // Signed out: the page sends the user to sign in.
                }

                using var socket = new ClientWebSocket();
                socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
                var address = await gateway.ResolveAsync($"/v1/stream/risk?portfolio={Uri.EscapeDataString(portfolioId)}&provisional=true", cancellationToken);
                await socket.ConnectAsync(address, cancellationToken);
                pause = TimeSpan.FromSeconds(1);
                await ReceiveAsync(socket, buffer, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or InvalidEventException)
            {
                LogDropped(ex, portfolioId);
            }

            try
            {
                await Task.Delay(pause, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, s_maxPause.Ticks));
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }

            try
            {
                Received?.Invoke(LiveRiskMessages.Read(message.GetBuffer().AsSpan(0, (int)message.Length)));
            }
            catch (InvalidEventException ex)
            {
                // One unreadable message is skipped; the next figure replaces it anyway.
                LogUnreadable(ex);
            }

            message.SetLength(0);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The live feed of portfolio {Portfolio} dropped; connecting again")]
    private partial void LogDropped(Exception exception, string portfolio);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live risk message could not be read")]
    private partial void LogUnreadable(Exception exception);
}
