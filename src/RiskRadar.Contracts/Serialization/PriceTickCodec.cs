using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Contracts.Serialization;

/// <summary>
/// <c>market.prices</c> records in a compact binary layout, the topic's hottest path: a tag byte (1), the instrument
/// id and the source as a length byte and UTF-8, the price as an IEEE double, the event time as UTC ticks and the
/// sequence, both little-endian 64-bit. About 40 bytes instead of ~110 of JSON. Reads JSON as well (a record that
/// starts with <c>{</c>), so producers that still write JSON, and records written before, stay readable.
/// </summary>
public sealed class PriceTickCodec : ISerializer<PriceTick>, IDeserializer<PriceTick>
{
    private const byte Tag = 1;
    private const int FixedBytes = 1 + 1 + 8 + 8 + 8 + 1;

    public byte[] Serialize(PriceTick data, SerializationContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        var id = Encoding.UTF8.GetByteCount(data.InstrumentId);
        var source = Encoding.UTF8.GetByteCount(data.Source);
        if (id > byte.MaxValue || source > byte.MaxValue)
        {
            throw new ArgumentException($"Instrument id and source must be at most {byte.MaxValue} bytes of UTF-8.", nameof(data));
        }

        var bytes = new byte[FixedBytes + id + source];
        var span = bytes.AsSpan();
        span[0] = Tag;
        span[1] = (byte)id;
        var at = 2 + Encoding.UTF8.GetBytes(data.InstrumentId, span[2..]);
        BinaryPrimitives.WriteDoubleLittleEndian(span[at..], data.Price);
        BinaryPrimitives.WriteInt64LittleEndian(span[(at + 8)..], data.Timestamp.UtcTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[(at + 16)..], data.Sequence);
        span[at + 24] = (byte)source;
        Encoding.UTF8.GetBytes(data.Source, span[(at + 25)..]);
        return bytes;
    }

    /// <exception cref="InvalidEventException">The bytes are neither layout, or cut short.</exception>
    public PriceTick Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull || data.IsEmpty || data[0] != Tag)
        {
            // JSON, or something to reject with the JSON reader's words.
            return EventSerializers.PriceTick.Deserialize(data, isNull, context);
        }

        if (data.Length < FixedBytes || data.Length < FixedBytes + data[1])
        {
            throw new InvalidEventException($"PriceTick: a binary record of {data.Length} bytes is cut short.");
        }

        var id = Encoding.UTF8.GetString(data.Slice(2, data[1]));
        var at = 2 + data[1];
        var price = BinaryPrimitives.ReadDoubleLittleEndian(data[at..]);
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(data[(at + 8)..]);
        var sequence = BinaryPrimitives.ReadInt64LittleEndian(data[(at + 16)..]);
        var sourceLength = data[at + 24];
        if (data.Length != at + 25 + sourceLength || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new InvalidEventException($"PriceTick: a binary record of {data.Length} bytes does not match its lengths or time.");
        }

        var source = Encoding.UTF8.GetString(data.Slice(at + 25, sourceLength));
        return new PriceTick(id, price, new DateTimeOffset(ticks, TimeSpan.Zero), sequence, source);
    }
}
