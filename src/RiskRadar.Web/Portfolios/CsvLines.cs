using System.Globalization;
using System.Text.RegularExpressions;

namespace RiskRadar.Web.Portfolios;

/// <summary>The Api names a CSV upload's errors by line (<c>line 3</c>, <c>line 3.quantity</c>); this writes them for people, in file order.</summary>
public static partial class CsvLines
{
    public static string Label(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var match = LinePattern().Match(field);
        if (!match.Success)
        {
            return field == "$" ? "File:" : $"{field}:";
        }

        var column = match.Groups["column"].Value;
        return column.Length == 0 ? $"Line {match.Groups["line"].Value}:" : $"Line {match.Groups["line"].Value}, {Column(column)}:";
    }

    public static IEnumerable<KeyValuePair<string, string[]>> Order(IReadOnlyDictionary<string, string[]> errors) =>
        errors.OrderBy(e => LinePattern().Match(e.Key) is { Success: true } m ? int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture) : 0)
            .ThenBy(e => e.Key, StringComparer.Ordinal);

    private static string Column(string name) => name switch
    {
        "instrumentId" or "instrument_id" => "instrument",
        _ => name,
    };

    [GeneratedRegex(@"^line (?<line>\d+)(\.(?<column>.+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex LinePattern();
}
