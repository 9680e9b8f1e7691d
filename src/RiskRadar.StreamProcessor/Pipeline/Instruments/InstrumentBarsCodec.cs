using System.Buffers.Binary;
using System.Text.Json;

namespace RiskRadar.StreamProcessor.Pipeline.Instruments;

/// <summary>
/// The instrument store's values (<see cref="InstrumentBars"/>) in a binary layout: written on every tick, so
/// formatting its doubles as JSON was a visible share of the stream thread. A tag byte (1); a byte of flags for the
/// nullable fields; the fields as little-endian 64-bit integers and IEEE doubles in declaration order; the count of
/// open bars (a byte) and each bar's fields. Reads the JSON the store held before (a value starting with <c>{</c>),
/// so a store restored from an older changelog stays readable; a value written as JSON is rewritten binary at its
/// next tick.
/// </summary>
public static class InstrumentBarsCodec
{
    private const byte Tag = 1;
    private const int HeaderBytes = 2 + (8 * 8) + 1;
    private const int BarBytes = (7 * 8) + 4;

    [Flags]
    private enum Present : byte
    {
        None = 0,
        LastClosedStart = 1,
        LastClose = 2,
        LastPrice = 4,
    }

    public static byte[] Encode(InstrumentBars bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Open.Count > byte.MaxValue)
        {
            throw new ArgumentException($"At most {byte.MaxValue} open bars.", nameof(bars));
        }

        var bytes = new byte[HeaderBytes + (bars.Open.Count * BarBytes)];
        var span = bytes.AsSpan();
        span[0] = Tag;
        span[1] = (byte)((bars.LastClosedStart is null ? Present.None : Present.LastClosedStart)
            | (bars.LastClose is null ? Present.None : Present.LastClose)
            | (bars.LastPrice is null ? Present.None : Present.LastPrice));
        var at = 2;
        Write(span, ref at, bars.LastClosedStart ?? 0);
        Write(span, ref at, bars.LastClose ?? 0);
        Write(span, ref at, bars.Watermark);
        Write(span, ref at, bars.ClosedThrough);
        Write(span, ref at, bars.LastPrice ?? 0);
        Write(span, ref at, bars.LastTickTime);
        Write(span, ref at, bars.LastSequence);
        Write(span, ref at, bars.BoundaryThrough);
        span[at++] = (byte)bars.Open.Count;
        foreach (var bar in bars.Open)
        {
            Write(span, ref at, bar.Start);
            Write(span, ref at, bar.Open);
            Write(span, ref at, bar.OpenTime);
            Write(span, ref at, bar.High);
            Write(span, ref at, bar.Low);
            Write(span, ref at, bar.Close);
            Write(span, ref at, bar.CloseTime);
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], bar.Ticks);
            at += 4;
        }

        return bytes;
    }

    /// <exception cref="InvalidDataException">The bytes are neither layout, or do not add up.</exception>
    public static InstrumentBars Decode(ReadOnlySpan<byte> data)
    {
        if (!data.IsEmpty && data[0] == (byte)'{')
        {
            return JsonSerializer.Deserialize(data, PipelineJsonContext.Default.InstrumentBars)
                ?? throw new InvalidDataException("An empty instrument state in the instrument store.");
        }

        if (data.Length < HeaderBytes || data[0] != Tag || data.Length != HeaderBytes + (data[HeaderBytes - 1] * BarBytes))
        {
            throw new InvalidDataException($"An instrument state of {data.Length} bytes in the instrument store is neither JSON nor the binary layout.");
        }

        var present = (Present)data[1];
        var at = 2;
        var closedStart = Long(data, ref at);
        var lastClose = Double(data, ref at);
        var watermark = Long(data, ref at);
        var closedThrough = Long(data, ref at);
        var lastPrice = Double(data, ref at);
        var bars = new InstrumentBars
        {
            LastClosedStart = present.HasFlag(Present.LastClosedStart) ? closedStart : null,
            LastClose = present.HasFlag(Present.LastClose) ? lastClose : null,
            Watermark = watermark,
            ClosedThrough = closedThrough,
            LastPrice = present.HasFlag(Present.LastPrice) ? lastPrice : null,
            LastTickTime = Long(data, ref at),
            LastSequence = Long(data, ref at),
            BoundaryThrough = Long(data, ref at),
        };
        var open = data[at++];
        bars.Open = new List<OpenBar>(open);
        for (var i = 0; i < open; i++)
        {
            bars.Open.Add(new OpenBar
            {
                Start = Long(data, ref at),
                Open = Double(data, ref at),
                OpenTime = Long(data, ref at),
                High = Double(data, ref at),
                Low = Double(data, ref at),
                Close = Double(data, ref at),
                CloseTime = Long(data, ref at),
                Ticks = BinaryPrimitives.ReadInt32LittleEndian(data[at..]),
            });
            at += 4;
        }

        return bars;
    }

    private static void Write(Span<byte> span, ref int at, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(span[at..], value);
        at += 8;
    }

    private static void Write(Span<byte> span, ref int at, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(span[at..], value);
        at += 8;
    }

    private static long Long(ReadOnlySpan<byte> data, ref int at)
    {
        var value = BinaryPrimitives.ReadInt64LittleEndian(data[at..]);
        at += 8;
        return value;
    }

    private static double Double(ReadOnlySpan<byte> data, ref int at)
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(data[at..]);
        at += 8;
        return value;
    }
}
