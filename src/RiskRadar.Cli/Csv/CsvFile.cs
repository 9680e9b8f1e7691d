using nietras.SeparatedValues;

namespace RiskRadar.Cli.Csv;

/// <summary>
/// Comma-separated text as spreadsheets export it (quoted cells may hold commas: <c>"EQ.AAPL","1,000"</c>), read
/// with Sep; blank lines ignored, cells trimmed. Rows keep their 1-based line numbers so every error can point at
/// the line.
/// </summary>
internal sealed class CsvFile
{
    private CsvFile(string path, IReadOnlyList<CsvRow> rows)
    {
        Path = path;
        Rows = rows;
    }

    public string Path { get; }

    public IReadOnlyList<CsvRow> Rows { get; }

    public static CsvFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: file not found.");
        }

        List<CsvRow> rows = [];
        // The header is read as a row too: the callers check its names themselves, repeated ones included.
        using (StreamReader text = File.OpenText(path))
        using (SepReader reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }).From(text))
        {
            foreach (SepReader.Row row in reader)
            {
                if (row.ColCount == 1 && row[0].Span.IsEmpty)
                {
                    continue;
                }

                string[] cells = new string[row.ColCount];
                for (int c = 0; c < cells.Length; c++)
                {
                    cells[c] = row[c].ToString();
                }

                rows.Add(new CsvRow(row.LineNumberFrom, cells));
            }
        }

        if (rows.Count == 0)
        {
            throw new CliException($"{path}: file is empty.");
        }

        return new CsvFile(path, rows);
    }

    public CliException Error(CsvRow row, string problem) => new($"{Path} line {row.Line}: {problem}");

    public CliException Error(string problem) => new($"{Path}: {problem}");
}
