using System.Globalization;

using RiskRadar.Analytics.Risk;

namespace RiskRadar.Cli.Csv;

/// <summary>Close prices: header "date,&lt;instrument&gt;...", one row per date in ascending order, every price positive.</summary>
internal sealed class PriceTable
{
    private PriceTable(string path, IReadOnlyList<string> instruments, IReadOnlyList<DateOnly> dates, double[] prices)
    {
        Path = path;
        Instruments = instruments;
        Dates = dates;
        Prices = prices;
    }

    public string Path { get; }

    public IReadOnlyList<string> Instruments { get; }

    public IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>Row-major dates × instruments.</summary>
    public double[] Prices { get; }

    public int Returns => Dates.Count - 1;

    public static PriceTable Read(string path)
    {
        CsvFile file = CsvFile.Read(path);
        CsvRow header = file.Rows[0];
        if (header.Cells.Length < 2 || !string.Equals(header.Cells[0], "date", StringComparison.OrdinalIgnoreCase))
        {
            throw file.Error(header, "header must be 'date,<instrument>,...' with at least one instrument.");
        }

        string[] instruments = header.Cells[1..];
        HashSet<string> seen = new(StringComparer.Ordinal);
        foreach (string name in instruments)
        {
            if (name.Length == 0 || !seen.Add(name))
            {
                throw file.Error(header, name.Length == 0 ? "header has an empty instrument name." : $"instrument '{name}' appears twice in the header.");
            }
        }

        int m = instruments.Length;
        List<DateOnly> dates = new(file.Rows.Count - 1);
        double[] prices = new double[(file.Rows.Count - 1) * m];
        for (int r = 1; r < file.Rows.Count; r++)
        {
            CsvRow row = file.Rows[r];
            if (row.Cells.Length != m + 1)
            {
                throw file.Error(row, $"expected {m + 1} fields (date and {m} prices) but found {row.Cells.Length}.");
            }

            if (!DateOnly.TryParseExact(row.Cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                throw file.Error(row, $"date '{row.Cells[0]}' is not YYYY-MM-DD.");
            }

            if (dates.Count > 0 && date <= dates[^1])
            {
                throw file.Error(row, $"date {row.Cells[0]} is not after the previous row's {dates[^1]:yyyy-MM-dd}; rows must ascend.");
            }

            dates.Add(date);
            for (int i = 0; i < m; i++)
            {
                double p = CsvNumbers.Parse(file, row, i + 1, $"price of {instruments[i]}");
                if (!(p > 0.0))
                {
                    throw file.Error(row, $"price of {instruments[i]} is {row.Cells[i + 1]}; prices must be positive.");
                }

                prices[((r - 1) * m) + i] = p;
            }
        }

        return new PriceTable(path, instruments, dates, prices);
    }

    public void RequireReturns(int minimum, string purpose)
    {
        if (Returns < minimum)
        {
            throw new CliException($"{Path}: too few observations: {Dates.Count} price rows give {Returns} returns; {purpose} needs at least {minimum}.");
        }
    }

    public ReturnMatrix ToReturns() => ReturnMatrix.FromPrices(Instruments, Prices);

    public double LastPrice(int instrument) => Prices[((Dates.Count - 1) * Instruments.Count) + instrument];
}
