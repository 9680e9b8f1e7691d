using System.Globalization;

namespace RiskRadar.Ingestion.Replay;

/// <summary>One data row of a replay file, or why it could not be read.</summary>
public readonly record struct CsvRow(int Line, string Text, string? Instrument, double Price, DateTimeOffset Timestamp, long Sequence, string? Error);

/// <summary>
/// Reads <c>timestamp,instrument,price[,sequence]</c> rows (ISO-8601 timestamps, UTC unless an offset is given).
/// A bad header is fatal (the file is not a price file); a bad row is reported in <see cref="CsvRow.Error"/>.
/// Without a sequence column the data row number is the sequence.
/// </summary>
public static class CsvTickReader
{
    public static async IAsyncEnumerable<CsvRow> ReadAsync(TextReader reader, string source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var header = await reader.ReadLineAsync(cancellationToken);
        var columns = header?.Split(',').Select(c => c.Trim().ToLowerInvariant()).ToArray() ?? [];
        var hasSequence = columns is ["timestamp", "instrument", "price", "sequence"];
        if (!hasSequence && columns is not ["timestamp", "instrument", "price"])
        {
            throw new InvalidDataException($"{source}: the header must be 'timestamp,instrument,price[,sequence]', not '{header}'.");
        }

        var line = 1;
        long row = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            row++;
            yield return Parse(line, text, hasSequence, row);
        }
    }

    private static CsvRow Parse(int line, string text, bool hasSequence, long row)
    {
        var fields = text.Split(',');
        var instrument = fields.Length > 1 ? fields[1].Trim() : null;
        CsvRow Bad(string error) => new(line, text, instrument, double.NaN, default, 0, $"line {line}: {error}");

        if (fields.Length != (hasSequence ? 4 : 3))
        {
            return Bad($"expected {(hasSequence ? 4 : 3)} fields, found {fields.Length}");
        }

        if (!DateTimeOffset.TryParse(fields[0].Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
        {
            return Bad($"timestamp '{fields[0].Trim()}' is not an ISO-8601 time");
        }

        if (string.IsNullOrEmpty(instrument))
        {
            return Bad("instrument is empty");
        }

        // NaN and Infinity parse on purpose: the validator dead-letters them with their own reason.
        if (!double.TryParse(fields[2].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var price))
        {
            return Bad($"price '{fields[2].Trim()}' is not a number");
        }

        var sequence = row;
        if (hasSequence && !long.TryParse(fields[3].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out sequence))
        {
            return Bad($"sequence '{fields[3].Trim()}' is not an integer");
        }

        return new CsvRow(line, text, instrument, price, timestamp, sequence, null);
    }
}
