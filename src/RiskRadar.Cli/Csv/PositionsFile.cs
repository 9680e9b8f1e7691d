namespace RiskRadar.Cli.Csv;

/// <summary>Holdings: header "instrument,quantity"; quantities may be negative; each instrument once and priced.</summary>
internal static class PositionsFile
{
    public static IReadOnlyList<(string Instrument, double Quantity)> Read(string path, PriceTable prices)
    {
        CsvFile file = CsvFile.Read(path);
        CsvRow header = file.Rows[0];
        if (header.Cells.Length != 2 || !string.Equals(header.Cells[0], "instrument", StringComparison.OrdinalIgnoreCase)
            || !string.Equals(header.Cells[1], "quantity", StringComparison.OrdinalIgnoreCase))
        {
            throw file.Error(header, "header must be 'instrument,quantity'.");
        }

        HashSet<string> known = new(prices.Instruments, StringComparer.Ordinal);
        Dictionary<string, int> seen = new(StringComparer.Ordinal);
        List<(string, double)> positions = [];
        for (int r = 1; r < file.Rows.Count; r++)
        {
            CsvRow row = file.Rows[r];
            if (row.Cells.Length != 2)
            {
                throw file.Error(row, $"expected 2 fields (instrument, quantity) but found {row.Cells.Length}.");
            }

            string instrument = row.Cells[0];
            if (!known.Contains(instrument))
            {
                throw file.Error(row, $"unknown instrument '{instrument}': it is not a column of {prices.Path}.");
            }

            if (!seen.TryAdd(instrument, row.Line))
            {
                throw file.Error(row, $"instrument '{instrument}' is already listed on line {seen[instrument]}.");
            }

            positions.Add((instrument, CsvNumbers.Parse(file, row, 1, $"quantity of {instrument}")));
        }

        if (positions.Count == 0)
        {
            throw file.Error("no positions listed.");
        }

        return positions;
    }
}
