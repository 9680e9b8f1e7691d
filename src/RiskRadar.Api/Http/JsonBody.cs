using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RiskRadar.Api.Http;

/// <summary>
/// Reads a JSON body itself rather than through parameter binding, so a malformed body or a wrong type is answered
/// with a validation problem naming the field (from the parser's JSON path) instead of a bare 400.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IDictionary<string, string[]>? Errors)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return (null, Error("$", "The body must be JSON (Content-Type: application/json)."));
        }

        // Syntax first, then shape: a syntax error is the body's fault as a whole ("$"), a type error is one field's.
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            return (null, Error("$", $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})."));
        }

        using (document)
        {
            try
            {
                var value = document.Deserialize(typeInfo);
                return value is null ? (null, Error("$", "The body must be a JSON object.")) : (value, null);
            }
            catch (JsonException ex)
            {
                return (null, Error(FieldName(ex.Path), $"Invalid value: {FirstSentence(ex.Message)}"));
            }
        }
    }

    public static IDictionary<string, string[]> Error(string field, string message) => new Dictionary<string, string[]> { [field] = [message] };

    /// <summary><c>$.positions[2].quantity</c> → <c>positions[2].quantity</c>, the way validation errors name fields.</summary>
    public static string FieldName(string? path) => path is null or "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
