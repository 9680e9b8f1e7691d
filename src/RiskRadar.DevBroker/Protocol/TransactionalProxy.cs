using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RiskRadar.DevBroker.Protocol;

/// <summary>
/// Sits in front of one mock broker: the broker advertises the proxy's address, so every client connection
/// passes here. Frames are relayed as they are, except the responses <see cref="ResponseRewriter"/> completes.
/// </summary>
public sealed class TransactionalProxy : IAsyncDisposable
{
    private const int MaxFrameBytes = 256 * 1024 * 1024;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;
    private readonly IPEndPoint _broker;
    private readonly ResponseRewriter _rewriter;
    private readonly MockTransactionCoordinator _coordinator;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;
    private readonly Task _acceptLoop;

    public TransactionalProxy(int port, IPEndPoint broker, TransactionLedger ledger, MockTransactionCoordinator coordinator, ILogger logger)
    {
        _broker = broker;
        _coordinator = coordinator;
        _stoppingToken = _stopping.Token;
        _rewriter = new ResponseRewriter(ledger);
        _logger = logger;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _acceptLoop = AcceptAsync(_stopping.Token);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException && cancellationToken.IsCancellationRequested)
            {
                return;
            }

            _ = RelayAsync(client, cancellationToken);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                client.NoDelay = true;
                upstream.NoDelay = true;
                await upstream.ConnectAsync(_broker, cancellationToken);
                var clientStream = client.GetStream();
                var brokerStream = upstream.GetStream();
                var pending = new ConcurrentDictionary<int, PendingRequest>();
                using var responsesStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var requests = RelayRequestsAsync(clientStream, brokerStream, pending, cancellationToken);
                var responses = RelayResponsesAsync(brokerStream, clientStream, pending, responsesStop.Token);
                if (await Task.WhenAny(requests, responses) == requests)
                {
                    await DrainAsync(pending, responses, responsesStop);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                _logger.LogDebug(ex, "Client connection closed");
            }
        }
    }

    /// <summary>
    /// The client has gone (a SIGKILLed process looks exactly like this), but the broker still executes what it
    /// sent: a transactional produce in flight is appended. Its response must still reach the ledger, or the
    /// transaction would be unknown, never aborted by the successor's fencing, and block read_committed readers.
    /// </summary>
    private static async Task DrainAsync(ConcurrentDictionary<int, PendingRequest> pending, Task responses, CancellationTokenSource responsesStop)
    {
        var deadline = DateTime.UtcNow + DrainTimeout;
        while (!pending.IsEmpty && !responses.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, CancellationToken.None);
        }

        await responsesStop.CancelAsync();
        try
        {
            await responses;
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task RelayRequestsAsync(NetworkStream from, NetworkStream to, ConcurrentDictionary<int, PendingRequest> pending, CancellationToken cancellationToken)
    {
        while (await ReadFrameAsync(from, cancellationToken) is { } frame)
        {
            try
            {
                var (correlationId, request) = Inspect(frame);
                if (request is not null)
                {
                    // Registered before forwarding, so the response can never overtake it.
                    pending[correlationId] = request;
                }

                await WriteFrameAsync(to, frame.Buffer.AsMemory(0, frame.Length), cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(frame.Buffer);
            }
        }
    }

    private async Task RelayResponsesAsync(NetworkStream from, NetworkStream to, ConcurrentDictionary<int, PendingRequest> pending, CancellationToken cancellationToken)
    {
        var clientConnected = true;
        while (await ReadFrameAsync(from, cancellationToken) is { } frame)
        {
            try
            {
                var correlationId = BinaryPrimitives.ReadInt32BigEndian(frame.Buffer);
                ReadOnlyMemory<byte> response = frame.Buffer.AsMemory(0, frame.Length);
                if (pending.TryRemove(correlationId, out var request))
                {
                    var abandoned = new List<AbandonedTransaction>();
                    response = Rewrite(request, frame, abandoned);

                    // Before the client hears back: a successor that was just initialised must find its predecessor's
                    // transaction ended in the log, as a Kafka coordinator completes the abort before answering.
                    foreach (var transaction in abandoned)
                    {
                        await _coordinator.AbortAsync(transaction, _stoppingToken);
                    }
                }

                if (clientConnected)
                {
                    try
                    {
                        await WriteFrameAsync(to, response, cancellationToken);
                    }
                    catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
                    {
                        // Keep reading: the responses still owed update the ledger (see DrainAsync).
                        clientConnected = false;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(frame.Buffer);
            }
        }
    }

    private (int CorrelationId, PendingRequest? Request) Inspect(Frame frame)
    {
        try
        {
            return RequestInspector.Inspect(frame.Buffer, frame.Length);
        }
        catch (Exception ex) when (ex is InvalidDataException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // The broker will answer the malformed request itself; the proxy only stops tracking it.
            _logger.LogWarning(ex, "Could not read a request; relaying it untouched");
            return (BinaryPrimitives.ReadInt32BigEndian(frame.Buffer.AsSpan(4)), null);
        }
    }

    private ReadOnlyMemory<byte> Rewrite(PendingRequest request, Frame frame, List<AbandonedTransaction> abandoned)
    {
        try
        {
            return _rewriter.Process(request, frame.Buffer, frame.Length, abandoned);
        }
        catch (Exception ex) when (ex is InvalidDataException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            _logger.LogError(ex, "Could not read a response to API {ApiKey} v{Version}; relaying it untouched", request.ApiKey, request.Version);
            return frame.Buffer.AsMemory(0, frame.Length);
        }
    }

    private static async Task<Frame?> ReadFrameAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var sizeBytes = new byte[4];
        if (!await ReadExactlyOrEndAsync(stream, sizeBytes, cancellationToken))
        {
            return null;
        }

        var size = BinaryPrimitives.ReadInt32BigEndian(sizeBytes);
        if (size is < 4 or > MaxFrameBytes)
        {
            throw new IOException($"Implausible Kafka frame size {size}.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(size);
        await stream.ReadExactlyAsync(buffer.AsMemory(0, size), cancellationToken);
        return new Frame(buffer, size);
    }

    private static async Task<bool> ReadExactlyOrEndAsync(NetworkStream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    private static async Task WriteFrameAsync(NetworkStream stream, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(payload.Length + 4);
        try
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer, payload.Length);
            payload.CopyTo(buffer.AsMemory(4));
            await stream.WriteAsync(buffer.AsMemory(0, payload.Length + 4), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed record Frame(byte[] Buffer, int Length);
}
