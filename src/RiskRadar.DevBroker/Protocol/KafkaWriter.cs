using System.Buffers;
using System.Buffers.Binary;

namespace RiskRadar.DevBroker.Protocol;

/// <summary>Writes Kafka protocol primitives; used to rebuild the responses the proxy changes.</summary>
internal sealed class KafkaWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void Int8(sbyte value)
    {
        _buffer.GetSpan(1)[0] = (byte)value;
        _buffer.Advance(1);
    }

    public void Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void UnsignedVarint(uint value)
    {
        var span = _buffer.GetSpan(5);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
    }

    public void ArrayLength(int count, bool compact)
    {
        if (compact)
        {
            UnsignedVarint((uint)(count + 1));
        }
        else
        {
            Int32(count);
        }
    }

    public void Bytes(ReadOnlySpan<byte> bytes, bool isNull, bool compact)
    {
        if (isNull)
        {
            ArrayLength(-1, compact);
            return;
        }

        ArrayLength(bytes.Length, compact);
        Raw(bytes);
    }

    public void String(string? value, bool compact)
    {
        if (value is null)
        {
            if (compact)
            {
                UnsignedVarint(0);
            }
            else
            {
                Int16(-1);
            }

            return;
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(value);
        if (compact)
        {
            UnsignedVarint((uint)bytes.Length + 1);
        }
        else
        {
            Int16(checked((short)bytes.Length));
        }

        Raw(bytes);
    }

    public void Raw(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    public void EmptyTaggedFields() => UnsignedVarint(0);
}
