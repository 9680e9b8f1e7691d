using System.Globalization;
using nietras.SeparatedValues;

namespace RiskRadar.Api.Portfolios;

/// <summary>
/// Bulk positions as CSV: a header naming <c>instrument_id</c> (or <c>instrumentId</c>) and <c>quantity</c> in any
/// order, one position per line. Read with Sep, so a spreadsheet export's quoted cells (<c>"EQ.AAPL","1,000"</c>)
/// read as they look. Errors name the line, like JSON errors name the array index.
/// </summary>
public static class PositionCsv
{
    private const NumberStyles Number = NumberStyles.Float | NumberStyles.AllowThousands;

    public static async Task<(List<(string? InstrumentId, double? Quantity, string Field)> Rows, IDictionary<string, string[]> Errors)> ReadAsync(
        Stream body, int maxRows, CancellationToken cancellationToken)
    {
        var rows = new List<(string?, double?, string)>();
        var errors = new Dictionary<string, string[]>();
        // Buffered first: Sep reads synchronously, which Kestrel does not allow on the request body.
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        using var text = new StreamReader(buffer);
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }).From(text);
        var columns = new List<string>();
        if (reader.MoveNext())
        {
            for (var c = 0; c < reader.Current.ColCount; c++)
            {
                columns.Add(reader.Current[c].ToString().ToLowerInvariant());
            }
        }

        var instrumentColumn = columns.FindIndex(c => c is "instrument_id" or "instrumentid");
        var quantityColumn = columns.IndexOf("quantity");
        if (instrumentColumn < 0 || quantityColumn < 0)
        {
            errors["line 1"] = ["The header must name the columns instrument_id and quantity."];
            return (rows, errors);
        }

        foreach (var row in reader)
        {
            if (row.ColCount == 1 && row[0].Span.IsEmpty)
            {
                continue;
            }

            if (rows.Count == maxRows)
            {
                errors["$"] = [$"At most {maxRows} positions per upload."];
                break;
            }

            var field = $"line {row.LineNumberFrom}";
            if (row.ColCount != columns.Count)
            {
                errors[field] = [$"Expected {columns.Count} comma-separated values, found {row.ColCount}."];
                continue;
            }

            var quantityText = row[quantityColumn].ToString();
            double? quantity = double.TryParse(quantityText, Number, CultureInfo.InvariantCulture, out var q) ? q : null;
            if (quantity is null)
            {
                errors[field + ".quantity"] = [$"'{Truncate(quantityText)}' is not a number."];
            }

            rows.Add((row[instrumentColumn].ToString(), quantity, field + "."));
        }

        return (rows, errors);
    }

    private static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
