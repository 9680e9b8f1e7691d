namespace RiskRadar.Cli.Csv;

/// <summary>
/// Plain comma-separated text as the CLI's inputs use it: no quoting, blank lines ignored, cells trimmed.
/// Rows keep their 1-based line numbers so every error can point at the line.
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
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            string trimmed = line == 1 ? text.TrimStart('\uFEFF').Trim() : text.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            rows.Add(new CsvRow(line, trimmed.Split(',').Select(c => c.Trim()).ToArray()));
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
