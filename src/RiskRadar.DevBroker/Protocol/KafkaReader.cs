using System.Buffers.Binary;
using System.Text;

namespace RiskRadar.DevBroker.Protocol;

/// <summary>Reads Kafka protocol primitives (big-endian, classic and compact/flexible forms) from a frame.</summary>
internal sealed class KafkaReader(byte[] buffer, int offset, int end)
{
    public int Position { get; private set; } = offset;

    public byte[] Buffer => buffer;

    public bool AtEnd => Position >= end;

    public sbyte Int8() => (sbyte)buffer[Advance(1)];

    public bool Boolean() => buffer[Advance(1)] != 0;

    public short Int16() => BinaryPrimitives.ReadInt16BigEndian(buffer.AsSpan(Advance(2)));

    public int Int32() => BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(Advance(4)));

    public long Int64() => BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(Advance(8)));

    public uint UnsignedVarint()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = buffer[Advance(1)];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("Malformed unsigned varint.");
    }

    /// <summary>A string, or null; compact (length+1 as varint) in flexible versions.</summary>
    public string? String(bool compact)
    {
        var length = compact ? (int)UnsignedVarint() - 1 : Int16();
        return length < 0 ? null : Encoding.UTF8.GetString(buffer, Advance(length), length);
    }

    /// <summary>Start and length of a bytes field (length −1 for null), without copying.</summary>
    public (int Start, int Length) Bytes(bool compact)
    {
        var length = compact ? (int)UnsignedVarint() - 1 : Int32();
        return length < 0 ? (Position, -1) : (Advance(length), length);
    }

    /// <summary>An array's element count (−1 for null).</summary>
    public int ArrayLength(bool compact) => compact ? (int)UnsignedVarint() - 1 : Int32();

    /// <summary>Skips a tagged-field section and returns the raw bytes it spanned.</summary>
    public ReadOnlyMemory<byte> TaggedFields()
    {
        var start = Position;
        var count = UnsignedVarint();
        for (var i = 0; i < count; i++)
        {
            UnsignedVarint();
            var size = (int)UnsignedVarint();
            Advance(size);
        }

        return buffer.AsMemory(start, Position - start);
    }

    public void Skip(int bytes) => Advance(bytes);

    private int Advance(int bytes)
    {
        var at = Position;
        if (bytes < 0 || at + bytes > end)
        {
            throw new InvalidDataException("Kafka frame ended early.");
        }

        Position += bytes;
        return at;
    }
}
