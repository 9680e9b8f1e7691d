using System.Globalization;

namespace RiskRadar.Cli.Arguments;

/// <summary>
/// GNU-style options (--name value, --name=value, and bare flags) for one subcommand. Every option must be
/// consumed by the command: whatever is left is reported as unknown, so typos never pass silently.
/// </summary>
internal sealed class OptionSet
{
    private static readonly HashSet<string> s_flags = ["json", "long-only"];
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _flags;
    private readonly HashSet<string> _used = [];

    private OptionSet(string command, Dictionary<string, string> values, HashSet<string> flags)
    {
        Command = command;
        _values = values;
        _flags = flags;
    }

    public string Command { get; }

    public bool Json => Flag("json");

    public static OptionSet Parse(ReadOnlySpan<string> args, string command)
    {
        Dictionary<string, string> values = new(StringComparer.Ordinal);
        HashSet<string> flags = new(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2)
            {
                throw new CliException($"unexpected argument '{a}' for '{command}'; options look like --name value.");
            }

            string name = a[2..];
            string? value = null;
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (s_flags.Contains(name))
            {
                if (value is not null)
                {
                    throw new CliException($"option --{name} takes no value.");
                }

                flags.Add(name);
                continue;
            }

            if (value is null)
            {
                if (i + 1 >= args.Length || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && !IsNumber(args[i + 1])))
                {
                    throw new CliException($"option --{name} needs a value.");
                }

                value = args[++i];
            }

            if (!values.TryAdd(name, value))
            {
                throw new CliException($"option --{name} is given more than once.");
            }
        }

        return new OptionSet(command, values, flags);
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _flags.Contains(name);
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string Required(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out string? v) ? v : throw new CliException($"'{Command}' needs --{name}.");
    }

    public string? Optional(string name)
    {
        _used.Add(name);
        return _values.GetValueOrDefault(name);
    }

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

    /// <summary>Fails on any option the command did not ask for.</summary>
    public void EnsureAllUsed()
    {
        foreach (string name in _values.Keys.Concat(_flags))
        {
            if (!_used.Contains(name))
            {
                throw new CliException($"unknown option --{name} for '{Command}'.");
            }
        }
    }

    private static bool IsNumber(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

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
