namespace RiskRadar.Cli.Csv;

/// <summary>One non-blank line of a CSV file and its 1-based line number.</summary>
internal sealed record CsvRow(int Line, string[] Cells);
