using System.Globalization;

namespace RiskRadar.Cli.Csv;

internal static class CsvNumbers
{
    public static bool TryParse(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static double Parse(CsvFile file, CsvRow row, int column, string what)
    {
        string cell = row.Cells[column];
        return TryParse(cell, out double v) ? v : throw file.Error(row, $"{what} '{cell}' is not a number.");
    }
}
