using System.Globalization;

namespace RiskRadar.Api.Portfolios;

/// <summary>
/// Bulk positions as CSV: a header naming <c>instrument_id</c> (or <c>instrumentId</c>) and <c>quantity</c> in any
/// order, one position per line. Errors name the line, like JSON errors name the array index.
/// </summary>
public static class PositionCsv
{
    public static async Task<(List<(string? InstrumentId, double? Quantity, string Field)> Rows, IDictionary<string, string[]> Errors)> ReadAsync(
        Stream body, int maxRows, CancellationToken cancellationToken)
    {
        var rows = new List<(string?, double?, string)>();
        var errors = new Dictionary<string, string[]>();
        using var reader = new StreamReader(body);
        var header = await reader.ReadLineAsync(cancellationToken);
        var columns = header?.Split(',').Select(c => c.Trim().Trim('"').ToLowerInvariant()).ToList() ?? [];
        var instrumentColumn = columns.FindIndex(c => c is "instrument_id" or "instrumentid");
        var quantityColumn = columns.IndexOf("quantity");
        if (instrumentColumn < 0 || quantityColumn < 0)
        {
            errors["line 1"] = ["The header must name the columns instrument_id and quantity."];
            return (rows, errors);
        }

        var lineNumber = 1;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (rows.Count == maxRows)
            {
                errors["$"] = [$"At most {maxRows} positions per upload."];
                break;
            }

            var field = $"line {lineNumber}";
            var cells = line.Split(',');
            if (cells.Length != columns.Count)
            {
                errors[field] = [$"Expected {columns.Count} comma-separated values, found {cells.Length}."];
                continue;
            }

            var quantityText = cells[quantityColumn].Trim().Trim('"');
            double? quantity = double.TryParse(quantityText, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : null;
            if (quantity is null)
            {
                errors[field + ".quantity"] = [$"'{Truncate(quantityText)}' is not a number."];
            }

            rows.Add((cells[instrumentColumn].Trim().Trim('"'), quantity, field + "."));
        }

        return (rows, errors);
    }

    private static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
