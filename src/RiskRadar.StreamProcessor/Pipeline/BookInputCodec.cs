using System.Buffers.Binary;
using System.Text;
using RiskRadar.Contracts.Serialization;

namespace RiskRadar.StreamProcessor.Pipeline;

/// <summary>
/// Records of the book topic in a compact binary layout: a tag byte (2), a kind byte (boundary 1, holding change 2,
/// live prices 3), then the record's fields in order, little-endian: strings as a 16-bit length and UTF-8, numbers as
/// IEEE doubles and 64-bit integers, a nullable number as a presence byte and the number. Written when
/// <see cref="PipelineOptions.BookEncoding"/> asks for it; reads JSON as well (a record that starts with <c>{</c>), so
/// either writer's records are read whatever the setting.
/// </summary>
public static class BookInputCodec
{
    private const byte Tag = 2;
    private const byte BoundaryKind = 1;
    private const byte ChangeKind = 2;
    private const byte PricesKind = 3;

    /// <summary>The JSON layout, written by default and always read.</summary>
    public static JsonEventSerializer<BookInput> Json { get; } = new(PipelineJsonContext.Default.BookInput);

    public static byte[] Encode(BookInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Sized for ids of about ten characters, so a batch of live prices is written without growing the buffer.
        var writer = new Writer(input.Prices is { } batch ? 6 + (batch.InstrumentIds.Length * 28) : 96);
        writer.Byte(Tag);
        if (input.Boundary is { } boundary)
        {
            writer.Byte(BoundaryKind);
            writer.String(boundary.InstrumentId);
            writer.Long(boundary.From);
            writer.Long(boundary.Through);
            writer.NullableDouble(boundary.Price);
            writer.Long(boundary.PriceTime);
            writer.NullableDouble(boundary.Opening);
        }
        else if (input.Change is { } change)
        {
            writer.Byte(ChangeKind);
            writer.String(change.PortfolioId);
            writer.String(change.InstrumentId);
            writer.Double(change.Quantity);
            writer.Long(change.Version);
            writer.String(change.TenantId);
            writer.String(change.BaseCurrency);
            writer.NullableDouble(change.Price);
            writer.Long(change.Time);
        }
        else if (input.Prices is { } prices)
        {
            if (prices.Prices.Length != prices.InstrumentIds.Length || prices.Times.Length != prices.InstrumentIds.Length)
            {
                throw new ArgumentException("Live prices need as many prices and times as instruments.", nameof(input));
            }

            writer.Byte(PricesKind);
            writer.Int(prices.InstrumentIds.Length);
            for (var i = 0; i < prices.InstrumentIds.Length; i++)
            {
                writer.String(prices.InstrumentIds[i]);
                writer.Double(prices.Prices[i]);
                writer.Long(prices.Times[i]);
            }
        }
        else
        {
            throw new ArgumentException("A book input needs a boundary, a change or live prices.", nameof(input));
        }

        return writer.ToArray();
    }

    /// <exception cref="InvalidEventException">The bytes are neither layout, or are cut short.</exception>
    public static BookInput Decode(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || data[0] != Tag)
        {
            return Json.Deserialize(data, isNull: false, default);
        }

        var reader = new Reader(data[1..]);
        try
        {
            var input = reader.Byte() switch
            {
                BoundaryKind => new BookInput(Boundary: new InstrumentBoundary(
                    reader.String(), reader.Long(), reader.Long(), reader.NullableDouble(), reader.Long(), reader.NullableDouble())),
                ChangeKind => new BookInput(Change: new HoldingChange(
                    reader.String(), reader.String(), reader.Double(), reader.Long(), reader.String(), reader.String(), reader.NullableDouble(), reader.Long())),
                PricesKind => new BookInput(Prices: Prices(ref reader)),
                var kind => throw new InvalidEventException($"BookInput: unknown kind {kind}."),
            };
            if (!reader.AtEnd)
            {
                throw new InvalidEventException($"BookInput: a binary record of {data.Length} bytes has bytes left over.");
            }

            return input;
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new InvalidEventException($"BookInput: a binary record of {data.Length} bytes is cut short.");
        }
    }

    private static LivePrices Prices(ref Reader reader)
    {
        var count = reader.Int();
        if (count < 0 || count > reader.Remaining / (2 + 8 + 8))
        {
            throw new InvalidEventException($"BookInput: {count} live prices do not fit the record.");
        }

        var (ids, prices, times) = (new string[count], new double[count], new long[count]);
        for (var i = 0; i < count; i++)
        {
            (ids[i], prices[i], times[i]) = (reader.String(), reader.Double(), reader.Long());
        }

        return new LivePrices(ids, prices, times);
    }

    private sealed class Writer(int capacity)
    {
        private byte[] _buffer = new byte[capacity];
        private int _length;

        public void Byte(byte value) => Reserve(1)[0] = value;

        public void Int(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

        public void Long(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

        public void Double(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

        public void NullableDouble(double? value)
        {
            Byte(value is null ? (byte)0 : (byte)1);
            if (value is { } present)
            {
                Double(present);
            }
        }

        public void String(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            if (length > ushort.MaxValue)
            {
                throw new ArgumentException($"A string of {length} bytes of UTF-8 is too long for a book input.", nameof(value));
            }

            BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), (ushort)length);
            Encoding.UTF8.GetBytes(value, Reserve(length));
        }

        public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

        private Span<byte> Reserve(int bytes)
        {
            if (_length + bytes > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
            }

            var span = _buffer.AsSpan(_length, bytes);
            _length += bytes;
            return span;
        }
    }

    /// <summary>Reads the fields in order; a read past the end throws an out-of-range exception.</summary>
    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public readonly bool AtEnd => _at == _data.Length;

        public readonly int Remaining => _data.Length - _at;

        public byte Byte() => _data[_at++];

        public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

        public double? NullableDouble() => Byte() switch
        {
            0 => null,
            1 => Double(),
            var flag => throw new InvalidEventException($"BookInput: presence byte {flag} is neither 0 nor 1."),
        };

        public string String() => Encoding.UTF8.GetString(Take(BinaryPrimitives.ReadUInt16LittleEndian(Take(2))));

        private ReadOnlySpan<byte> Take(int bytes)
        {
            var span = _data.Slice(_at, bytes);
            _at += bytes;
            return span;
        }
    }
}
