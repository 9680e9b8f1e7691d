using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace RiskRadar.DevBroker.Protocol;

/// <summary>
/// Does to the mock cluster what a Kafka transaction coordinator does by itself when it aborts a transaction whose
/// producer was fenced or timed out: writes the abort markers and bumps the producer's epoch.
/// </summary>
/// <remarks>
/// The mock writes markers only on an EndTxn request, and gives a re-initialised transactional id a new producer id
/// while the old one stays valid. Without the marker, a read_committed consumer never moves past an aborted
/// transaction at the end of a partition (librdkafka advances its position on delivered records and control
/// records only), and a Streamiz task restoring that changelog waits for ever. Without the bump, a zombie producer
/// could still write and commit. So the proxy sends both requests in the dead producer's name.
/// </remarks>
public sealed class MockTransactionCoordinator(IReadOnlyList<IPEndPoint> brokers, ILogger logger) : IDisposable
{
    private const short EndTxnVersion = 1;
    private const short InitProducerIdVersion = 3;
    private const short NoError = 0;
    private const short NotCoordinator = 16;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _correlationId;

    /// <summary>Aborts the transaction in the mock (markers on every partition it wrote to) and fences its producer.</summary>
    public async Task AbortAsync(AbandonedTransaction transaction, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var aborted = await SendToCoordinatorAsync(KafkaApi.EndTxn, EndTxnVersion, writer =>
            {
                writer.String(transaction.TransactionalId, compact: false);
                writer.Int64(transaction.ProducerId);
                writer.Int16(transaction.Epoch);
                writer.Int8(0); // committed: false
            }, cancellationToken);

            // InitProducerId with the current producer id and epoch (KIP-360) makes the mock bump the epoch.
            var fenced = await SendToCoordinatorAsync(KafkaApi.InitProducerId, InitProducerIdVersion, writer =>
            {
                writer.String(transaction.TransactionalId, compact: true);
                writer.Int32((int)RequestTimeout.TotalMilliseconds);
                writer.Int64(transaction.ProducerId);
                writer.Int16(transaction.Epoch);
                writer.EmptyTaggedFields();
            }, cancellationToken);

            if (aborted != NoError || fenced != NoError)
            {
                logger.LogWarning(
                    "Aborting transactional id {TransactionalId} (producer {ProducerId}, epoch {Epoch}) in the mock: EndTxn answered error {EndTxnError}, InitProducerId error {InitProducerIdError}",
                    transaction.TransactionalId, transaction.ProducerId, transaction.Epoch, aborted, fenced);
            }
            else
            {
                logger.LogInformation(
                    "Aborted transactional id {TransactionalId} (producer {ProducerId}) in the mock — abort markers on every partition of its open transaction, if it had one — and fenced its epoch {Epoch}",
                    transaction.TransactionalId, transaction.ProducerId, transaction.Epoch);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogError(ex, "Could not abort transactional id {TransactionalId} in the mock", transaction.TransactionalId);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Sends the request to each broker until the transaction coordinator answers; returns its error code.</summary>
    private async Task<short> SendToCoordinatorAsync(short apiKey, short version, Action<KafkaWriter> writeBody, CancellationToken cancellationToken)
    {
        var flexible = KafkaApi.IsFlexible(apiKey, version);
        var error = NotCoordinator;
        foreach (var broker in brokers)
        {
            var correlationId = Interlocked.Increment(ref _correlationId);
            var writer = new KafkaWriter();
            writer.Int16(apiKey);
            writer.Int16(version);
            writer.Int32(correlationId);
            writer.String("riskradar-devbroker", compact: false); // client_id is a classic string in every header version
            if (flexible)
            {
                writer.EmptyTaggedFields();
            }

            writeBody(writer);
            var response = await SendAsync(broker, writer.Written.ToArray(), cancellationToken);
            var reader = new KafkaReader(response, 0, response.Length);
            if (reader.Int32() != correlationId)
            {
                throw new InvalidDataException($"The mock answered another request than API {apiKey} #{correlationId}.");
            }

            if (flexible)
            {
                reader.TaggedFields();
            }

            reader.Int32(); // throttle_time_ms
            error = reader.Int16();
            if (error != NotCoordinator)
            {
                return error;
            }
        }

        return error;
    }

    private static async Task<byte[]> SendAsync(IPEndPoint broker, byte[] request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(broker, timeout.Token);
        var stream = client.GetStream();
        var frame = new byte[request.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(frame, request.Length);
        request.CopyTo(frame, 4);
        await stream.WriteAsync(frame, timeout.Token);
        var size = new byte[4];
        await stream.ReadExactlyAsync(size, timeout.Token);
        var body = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await stream.ReadExactlyAsync(body, timeout.Token);
        return body;
    }
}
