using System.CommandLine;
using System.Globalization;

namespace RiskRadar.Cli.Arguments;

/// <summary>
/// The options of one parsed subcommand, read by name. System.CommandLine has already refused unknown options,
/// missing values and repeats; the values stay strings until a command reads them, so that a bad number, date or
/// choice is reported in the command's own words (which option, what it must be, what was given).
/// </summary>
internal sealed class OptionSet(ParseResult result, string command, IReadOnlyDictionary<string, Option> options)
{
    public string Command { get; } = command;

    public bool Json => Flag("json");

    public bool Flag(string name) => result.GetValue((Option<bool>)options[name]);

    public bool Has(string name) => Optional(name) is not null;

    public string Required(string name) => Optional(name) ?? throw new CliException($"'{Command}' needs --{name}.");

    public string? Optional(string name) => result.GetValue((Option<string>)options[name]);

    public double RequiredDouble(string name) => ParseDouble(name, Required(name));

    public double OptionalDouble(string name, double fallback)
    {
        string? v = Optional(name);
        return v is null ? fallback : ParseDouble(name, v);
    }

    public int RequiredInt(string name) => ParseInt(name, Required(name));

    public int OptionalInt(string name, int fallback)
    {
        string? v = Optional(name);
        return v is null ? fallback : ParseInt(name, v);
    }

    public double Confidence()
    {
        double c = RequiredDouble("confidence");
        return c > 0.0 && c < 1.0 ? c : throw new CliException($"--confidence must lie strictly between 0 and 1; got {Format(c)}.");
    }

    public DateOnly RequiredDate(string name)
    {
        string v = Required(name);
        return DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d)
            ? d
            : throw new CliException($"--{name} must be a date YYYY-MM-DD; got '{v}'.");
    }

    public T Choice<T>(string name, IReadOnlyDictionary<string, T> choices, T? fallback = default, bool required = true)
    {
        string? v = required ? Required(name) : Optional(name);
        if (v is null)
        {
            return fallback!;
        }

        return choices.TryGetValue(v, out T? c)
            ? c
            : throw new CliException($"--{name} must be one of {string.Join(", ", choices.Keys)}; got '{v}'.");
    }

    private static double ParseDouble(string name, string v) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)
            ? d
            : throw new CliException($"--{name} must be a number; got '{v}'.");

    private static int ParseInt(string name, string v) =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)
            ? i
            : throw new CliException($"--{name} must be an integer; got '{v}'.");

    private static string Format(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
