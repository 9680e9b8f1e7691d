using System.Net;
using System.Net.Sockets;

namespace RiskRadar.DevBroker;

/// <summary>
/// Forwards TCP connections from a fixed loopback port to a mock broker, because the mock cluster can only
/// bind ephemeral ports while the AppHost hands services a port it chose. Only bootstrap traffic passes here.
/// </summary>
public sealed class BootstrapForwarder(ILogger<BootstrapForwarder> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;

    public IPEndPoint? LocalEndpoint => (IPEndPoint?)_listener?.LocalEndpoint;

    public void Start(int port, IPEndPoint target)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _acceptLoop = AcceptAsync(_listener, target, _stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener?.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, IPEndPoint target, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException && cancellationToken.IsCancellationRequested)
            {
                return;
            }

            _ = PumpAsync(client, target, cancellationToken);
        }
    }

    private async Task PumpAsync(TcpClient client, IPEndPoint target, CancellationToken cancellationToken)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                client.NoDelay = true;
                upstream.NoDelay = true;
                await upstream.ConnectAsync(target, cancellationToken);
                await using var downStream = client.GetStream();
                await using var upStream = upstream.GetStream();
                // Either side closing ends the pair; the other copy then fails or completes and is dropped.
                await Task.WhenAny(
                    downStream.CopyToAsync(upStream, cancellationToken),
                    upStream.CopyToAsync(downStream, cancellationToken));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                logger.LogDebug(ex, "Forwarded connection closed");
            }
        }
    }
}
