using System.Globalization;
using nietras.SeparatedValues;

namespace RiskRadar.Ingestion.Replay;

/// <summary>One data row of a replay file, or why it could not be read.</summary>
public readonly record struct CsvRow(int Line, string Text, string? Instrument, double Price, DateTimeOffset Timestamp, long Sequence, string? Error);

/// <summary>
/// Reads <c>timestamp,instrument,price[,sequence]</c> rows (ISO-8601 timestamps, UTC unless an offset is given) with
/// Sep, so quoted cells read as they look. A bad header is fatal (the file is not a price file); a bad row is
/// reported in <see cref="CsvRow.Error"/>. Without a sequence column the data row number is the sequence.
/// </summary>
public static class CsvTickReader
{
#pragma warning disable CS1998 // Sep reads the file synchronously; the signature stays a stream of rows for the feed.
    public static async IAsyncEnumerable<CsvRow> ReadAsync(TextReader reader, string source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
#pragma warning restore CS1998
    {
        using var csv = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }).From(reader);
        var columns = csv.MoveNext() ? Cells(csv.Current).Select(c => c.ToLowerInvariant()).ToArray() : [];
        var hasSequence = columns is ["timestamp", "instrument", "price", "sequence"];
        if (!hasSequence && columns is not ["timestamp", "instrument", "price"])
        {
            throw new InvalidDataException($"{source}: the header must be 'timestamp,instrument,price[,sequence]', not '{string.Join(',', columns)}'.");
        }

        long row = 0;
        while (Next(csv, hasSequence, ref row) is { } parsed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return parsed;
        }
    }

    /// <summary>The next non-blank data row; null at the end. Sep's row is a ref struct, so it never lives across a yield.</summary>
    private static CsvRow? Next(SepReader csv, bool hasSequence, ref long row)
    {
        while (csv.MoveNext())
        {
            var current = csv.Current;
            if (current.ColCount == 1 && current[0].Span.IsEmpty)
            {
                continue;
            }

            row++;
            return Parse(current.LineNumberFrom, current.Span.ToString(), Cells(current), hasSequence, row);
        }

        return null;
    }

    private static string[] Cells(SepReader.Row row)
    {
        var cells = new string[row.ColCount];
        for (var c = 0; c < cells.Length; c++)
        {
            cells[c] = row[c].ToString();
        }

        return cells;
    }

    private static CsvRow Parse(int line, string text, string[] fields, bool hasSequence, long row)
    {
        var instrument = fields.Length > 1 ? fields[1] : null;
        CsvRow Bad(string error) => new(line, text, instrument, double.NaN, default, 0, $"line {line}: {error}");

        if (fields.Length != (hasSequence ? 4 : 3))
        {
            return Bad($"expected {(hasSequence ? 4 : 3)} fields, found {fields.Length}");
        }

        if (!DateTimeOffset.TryParse(fields[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
        {
            return Bad($"timestamp '{fields[0]}' is not an ISO-8601 time");
        }

        if (string.IsNullOrEmpty(instrument))
        {
            return Bad("instrument is empty");
        }

        // NaN and Infinity parse on purpose: the validator dead-letters them with their own reason.
        if (!double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var price))
        {
            return Bad($"price '{fields[2]}' is not a number");
        }

        var sequence = row;
        if (hasSequence && !long.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out sequence))
        {
            return Bad($"sequence '{fields[3]}' is not an integer");
        }

        return new CsvRow(line, text, instrument, price, timestamp, sequence, null);
    }
}
