using System.Globalization;

namespace RiskRadar.Cli.Output;

/// <summary>Two-column, aligned, culture-invariant text for humans (the --json form is for machines).</summary>
internal sealed class TableWriter
{
    private readonly List<(string Label, string Value)> _rows = [];

    public TableWriter Row(string label, double? value, string format = "N6")
    {
        _rows.Add((label, value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a"));
        return this;
    }

    public TableWriter Row(string label, string value)
    {
        _rows.Add((label, value));
        return this;
    }

    public TableWriter Section(string title, IEnumerable<KeyValuePair<string, double>> values, string format = "N6")
    {
        _rows.Add((title, string.Empty));
        foreach ((string key, double value) in values)
        {
            _rows.Add(("  " + key, value.ToString(format, CultureInfo.InvariantCulture)));
        }

        return this;
    }

    public void WriteTo(TextWriter output)
    {
        int labelWidth = _rows.Max(r => r.Label.Length);
        int valueWidth = _rows.Max(r => r.Value.Length);
        foreach ((string label, string value) in _rows)
        {
            output.WriteLine($"{label.PadRight(labelWidth)}  {value.PadLeft(valueWidth)}".TrimEnd());
        }
    }
}
