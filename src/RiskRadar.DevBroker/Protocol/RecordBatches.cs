using System.Buffers.Binary;

namespace RiskRadar.DevBroker.Protocol;

/// <summary>Header fields of the v2 record batches inside a records blob (Kafka's on-disk and wire format).</summary>
internal static class RecordBatches
{
    private const int LogOverhead = 12; // baseOffset (8) + batchLength (4)
    private const int AttributesAt = 21;
    private const int LastOffsetDeltaAt = 23;
    private const int ProducerIdAt = 43;
    private const int HeaderSize = 61;
    private const short TransactionalFlag = 0x10;
    private const short ControlFlag = 0x20;

    internal readonly record struct Batch(int Start, int Size, long BaseOffset, long ProducerId, int RecordCount, bool Transactional, bool Control);

    /// <summary>Complete batches in <paramref name="records"/>; a partial batch at the end (allowed in fetches) is not returned.</summary>
    public static IEnumerable<Batch> Read(byte[] buffer, int start, int length)
    {
        var position = start;
        var end = start + length;
        while (end - position >= HeaderSize)
        {
            var span = buffer.AsSpan(position);
            var size = LogOverhead + BinaryPrimitives.ReadInt32BigEndian(span[8..]);
            if (size < HeaderSize || position + size > end)
            {
                yield break;
            }

            var attributes = BinaryPrimitives.ReadInt16BigEndian(span[AttributesAt..]);
            yield return new Batch(
                position,
                size,
                BinaryPrimitives.ReadInt64BigEndian(span),
                BinaryPrimitives.ReadInt64BigEndian(span[ProducerIdAt..]),
                BinaryPrimitives.ReadInt32BigEndian(span[LastOffsetDeltaAt..]) + 1,
                (attributes & TransactionalFlag) != 0,
                (attributes & ControlFlag) != 0);
            position += size;
        }
    }
}
