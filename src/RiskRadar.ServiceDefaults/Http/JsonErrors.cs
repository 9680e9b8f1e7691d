using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace RiskRadar.ServiceDefaults.Http;

/// <summary>
/// Turns a <see cref="JsonException"/> from reading a request body into the field it is about and a sentence a client
/// can act on (<c>positions[0].quantity must be a JSON number.</c>). The serializer's own messages name .NET types
/// (<c>System.Nullable`1[System.Double]</c>) and are never shown; the wording comes from the request's JSON contract.
/// </summary>
public static partial class JsonErrors
{
    /// <summary>The field (JSON path without <c>$.</c>, or <c>$</c> for the body as a whole) and the message.</summary>
    public static (string Field, string Message) Describe(JsonException exception, JsonTypeInfo? contract)
    {
        ArgumentNullException.ThrowIfNull(exception);

        // The reader's own failures (bad syntax, cut-off body) come wrapped around another JsonException.
        if (exception.InnerException is JsonException || contract is null)
        {
            return ("$", NotJson(exception));
        }

        var field = FieldName(exception.Path);
        if (MissingRequired().Match(exception.Message) is { Success: true } missing)
        {
            var names = missing.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(name => name.Trim('\''));
            var parent = field == "$" ? "" : field + ".";
            return (field, $"{string.Join(", ", names.Select(name => parent + name))} is required.");
        }

        return Resolve(contract, Segments(exception.Path)) switch
        {
            { Unknown: true } => (field, $"{field} is not a field of this request: remove it or check its spelling."),
            { Contract: { } target } => (field, field == "$" ? $"The body must be {Expected(target)}." : $"{field} must be {Expected(target)}."),
            _ => (field, $"{field} has a value of the wrong type."),
        };
    }

    /// <summary>The message for a body that is not JSON at all, with where the parser stopped.</summary>
    public static string NotJson(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? $"The body is not valid JSON (line {line + 1}, byte {position + 1})."
            : "The body is not valid JSON.";
    }

    /// <summary><c>$.positions[2].quantity</c> → <c>positions[2].quantity</c>, the way validation errors name fields.</summary>
    public static string FieldName(string? path) =>
        path is null or "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>What a value of the type is, in JSON terms: "a JSON number", "true or false", "a JSON array"…</summary>
    public static string Expected(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain switch
        {
            _ when plain == typeof(string) => "a JSON string",
            _ when plain == typeof(bool) => "true or false",
            _ when plain == typeof(double) || plain == typeof(float) || plain == typeof(decimal) => "a JSON number",
            _ when plain == typeof(int) || plain == typeof(long) || plain == typeof(short) || plain == typeof(byte)
                || plain == typeof(uint) || plain == typeof(ulong) || plain == typeof(ushort) => "a whole JSON number in range",
            _ when plain == typeof(DateTimeOffset) || plain == typeof(DateTime) => "an ISO 8601 date and time string, e.g. \"2026-01-31T14:30:00Z\"",
            _ when plain == typeof(DateOnly) => "an ISO 8601 date string, e.g. \"2026-01-31\"",
            _ when plain == typeof(TimeSpan) => "a duration string, e.g. \"00:05:00\"",
            _ when plain == typeof(Guid) => "a UUID string",
            _ when plain.IsEnum => $"one of {string.Join(", ", Enum.GetNames(plain))}",
            _ => "a JSON object",
        };
    }

    private static string Expected(JsonTypeInfo contract) => contract.Kind switch
    {
        JsonTypeInfoKind.Enumerable => "a JSON array",
        JsonTypeInfoKind.Dictionary or JsonTypeInfoKind.Object => "a JSON object",
        _ => Expected(contract.Type),
    };

    private readonly record struct Target(JsonTypeInfo? Contract, bool Unknown);

    private static Target Resolve(JsonTypeInfo root, IEnumerable<Segment> path)
    {
        var current = root;
        foreach (var segment in path)
        {
            Type? next = current.Kind switch
            {
                JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary => current.ElementType,
                JsonTypeInfoKind.Object when segment.Name is { } name => current.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType,
                _ => null,
            };
            if (next is null)
            {
                return new Target(null, Unknown: current.Kind == JsonTypeInfoKind.Object && segment.Name is not null);
            }

            current = root.Options.GetTypeInfo(next);
        }

        return new Target(current, Unknown: false);
    }

    private readonly record struct Segment(string? Name);

    private static IEnumerable<Segment> Segments(string? path)
    {
        foreach (Match match in PathSegment().Matches(path ?? "$"))
        {
            yield return match.Groups["index"].Success ? new Segment(null)
                : new Segment(match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["name"].Value);
        }
    }

    // $.a.b[3]['odd name'] → a, b, [3], odd name.
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>\d+)\]|\['(?<quoted>(?:[^']|'')*)'\]")]
    private static partial Regex PathSegment();

    [GeneratedRegex(@"missing required properties including: (?<names>.+?)\.?( Path:|$)")]
    private static partial Regex MissingRequired();
}
