using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RiskRadar.ServiceDefaults.Http;

namespace RiskRadar.Api.Http;

/// <summary>
/// Reads a JSON body itself rather than through parameter binding, so a malformed body or a wrong type is answered
/// with a validation problem naming the field and what it must be (<see cref="JsonErrors"/>) instead of a bare 400.
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

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken);
            return value is null ? (null, Error("$", "The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException ex)
        {
            var (field, message) = JsonErrors.Describe(ex, typeInfo);
            return (null, Error(field, message));
        }
    }

    public static IDictionary<string, string[]> Error(string field, string message) => new Dictionary<string, string[]> { [field] = [message] };
}
