namespace RiskRadar.Cli.Csv;

/// <summary>
/// A single numeric series: one value per line, in the last column (a leading date column is allowed), with an
/// optional header line.
/// </summary>
internal static class SeriesFile
{
    public static double[] Read(string path, string what)
    {
        CsvFile file = CsvFile.Read(path);
        int start = CsvNumbers.TryParse(file.Rows[0].Cells[^1], out _) ? 0 : 1;
        int width = file.Rows[start < file.Rows.Count ? start : 0].Cells.Length;
        List<double> values = new(file.Rows.Count);
        for (int r = start; r < file.Rows.Count; r++)
        {
            CsvRow row = file.Rows[r];
            if (row.Cells.Length != width)
            {
                throw file.Error(row, $"expected {width} fields but found {row.Cells.Length}.");
            }

            values.Add(CsvNumbers.Parse(file, row, width - 1, what));
        }

        if (values.Count == 0)
        {
            throw file.Error($"no {what} values.");
        }

        return [.. values];
    }
}
