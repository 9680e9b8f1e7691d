using System.Runtime.InteropServices;
using System.Text;

namespace RiskRadar.Analytics.Scenarios;

/// <summary>
/// The compact binary form a scenario set is stored and shared in: a fixed header, the instrument names, and the
/// dates, returns, observed flags (both row-major: row × instrument) and last closes as raw little-endian arrays.
/// Decoding gives back the same set, bit for bit, so a result computed on any replica can be reproduced from the
/// stored copy.
/// </summary>
public static class ScenarioSetCodec
{
    private const uint Magic = 0x5353_5252; // "RRSS" little-endian
    private const byte Version = 1;

    public static byte[] Encode(ScenarioSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(set.Id);
            writer.Write(set.Fingerprint);
            writer.Write(set.Parameters.Lookback);
            writer.Write(set.Parameters.Depth);
            writer.Write((byte)set.Parameters.Kind);
            writer.Write(set.Parameters.MaxFillDays);
            writer.Write(set.Instruments.Count);
            foreach (var instrument in set.Instruments)
            {
                writer.Write(instrument);
            }

            writer.Write(set.Rows);
            foreach (var date in set.Dates)
            {
                writer.Write(date.DayNumber);
            }

            writer.Write(MemoryMarshal.AsBytes(Transpose(set.ReturnValues, set.Instruments.Count, set.Rows).AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(Transpose(set.ObservedValues, set.Instruments.Count, set.Rows).AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(set.LastCloses));
            foreach (var date in set.LastCloseDates)
            {
                writer.Write(date.DayNumber);
            }
        }

        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a scenario set of this version.</exception>
    public static ScenarioSet Decode(ReadOnlySpan<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (reader.ReadUInt32() != Magic || reader.ReadByte() != Version)
            {
                throw new InvalidDataException("Not a version-1 scenario set.");
            }

            var id = reader.ReadString();
            var fingerprint = reader.ReadString();
            var parameters = new ScenarioSetParameters(reader.ReadInt32(), reader.ReadInt32(), (ReturnKind)reader.ReadByte(), reader.ReadInt32());
            var instruments = new string[Count(reader, stream, 1)];
            for (var i = 0; i < instruments.Length; i++)
            {
                instruments[i] = reader.ReadString();
            }

            var rows = Count(reader, stream, 4);
            var dates = new DateOnly[rows];
            for (var t = 0; t < rows; t++)
            {
                dates[t] = DateOnly.FromDayNumber(reader.ReadInt32());
            }

            var m = instruments.Length;
            var returns = new double[rows * m];
            var observed = new bool[rows * m];
            var lastClose = new double[m];
            ReadExactly(reader, MemoryMarshal.AsBytes(returns.AsSpan()));
            ReadExactly(reader, MemoryMarshal.AsBytes(observed.AsSpan()));
            ReadExactly(reader, MemoryMarshal.AsBytes(lastClose.AsSpan()));
            var lastCloseDate = new DateOnly[m];
            for (var i = 0; i < m; i++)
            {
                lastCloseDate[i] = DateOnly.FromDayNumber(reader.ReadInt32());
            }

            return new ScenarioSet(id, fingerprint, parameters, instruments, dates,
                Transpose<double>(returns, rows, m), Transpose<bool>(observed, rows, m), lastClose, lastCloseDate);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The scenario set is truncated.", ex);
        }
    }

    /// <summary>A <paramref name="rows"/> × <paramref name="columns"/> row-major array as columns × rows.</summary>
    private static T[] Transpose<T>(ReadOnlySpan<T> values, int rows, int columns)
    {
        var transposed = new T[values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                transposed[(c * rows) + r] = values[(r * columns) + c];
            }
        }

        return transposed;
    }

    private static int Count(BinaryReader reader, MemoryStream stream, int minBytesEach)
    {
        var count = reader.ReadInt32();
        return count >= 0 && (long)count * minBytesEach <= stream.Length - stream.Position
            ? count
            : throw new InvalidDataException($"The scenario set claims {count} entries, more than it holds.");
    }

    private static void ReadExactly(BinaryReader reader, Span<byte> destination)
    {
        if (reader.BaseStream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) != destination.Length)
        {
            throw new InvalidDataException("The scenario set is truncated.");
        }
    }
}
