using System.Net.Http.Json;
using System.Text.Json;

namespace RiskRadar.Web.Gateway;

/// <summary>
/// An RFC 9457 answer of the gateway or the Api, as a person reads it: a title, what went wrong, and for validation
/// problems the message of each field (the Api's field paths: <c>name</c>, <c>positions[2].quantity</c>, <c>line 3</c>).
/// </summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    private static readonly IReadOnlyDictionary<string, string[]> s_none = new Dictionary<string, string[]>();

    /// <summary>The sentence to show when no field takes the problem.</summary>
    public string Message => Detail ?? Title;

    public bool IsNotFound => Status == 404;

    /// <summary>
    /// The messages for a field: its own, and those of anything inside it (<c>positions</c> takes <c>positions[0].quantity</c>;
    /// <c>line 3</c> takes <c>line 3.quantity</c>). Field names compare case-insensitively, as the Api's binder does.
    /// </summary>
    public IReadOnlyList<string> For(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return [.. Errors.Where(e => Belongs(e.Key, field)).SelectMany(e => e.Value)];
    }

    /// <summary>Field errors no form field of <paramref name="shown"/> takes, so nothing the Api said is hidden.</summary>
    public IReadOnlyList<KeyValuePair<string, string[]>> Unplaced(IEnumerable<string> shown)
    {
        var fields = shown.ToArray();
        return [.. Errors.Where(e => !fields.Any(f => Belongs(e.Key, f)))];
    }

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is "application/problem+json" or "application/json")
        {
            try
            {
                var body = await response.Content.ReadFromJsonAsync(WebJsonContext.Default.ProblemBody, cancellationToken);
                if (body is not null)
                {
                    return new ApiProblem(body.Status ?? status, body.Title ?? Describe(status), body.Detail, body.Errors ?? s_none);
                }
            }
            catch (JsonException)
            {
                // Fall through to the status alone: a body we cannot read says no more than its status.
            }
        }

        return new ApiProblem(status, Describe(status), null, s_none);
    }

    public static ApiProblem Unreadable(int status) =>
        new(status, "Unexpected answer", "The gateway answered in a form the dashboard does not understand.", s_none);

    public static ApiProblem Unreachable() =>
        new(503, "Gateway unreachable", "The dashboard cannot reach the RiskRadar gateway; try again in a moment.", s_none);

    public static ApiProblem SignedOut() =>
        new(401, "Signed out", "Your sign-in has ended; sign in again.", s_none);

    private static bool Belongs(string key, string field) =>
        key.Equals(field, StringComparison.OrdinalIgnoreCase)
        || (key.Length > field.Length && key.StartsWith(field, StringComparison.OrdinalIgnoreCase) && key[field.Length] is '.' or '[');

    private static string Describe(int status) => status switch
    {
        400 => "The request was not accepted",
        401 => "Not signed in",
        403 => "Not allowed",
        404 => "Not found",
        409 => "Conflict",
        412 => "Changed meanwhile",
        422 => "Cannot be computed",
        429 => "Too many requests",
        >= 500 => "The service failed",
        _ => $"Request failed ({status})",
    };
}

/// <summary>The wire shape of a problem details body.</summary>
public sealed record ProblemBody(string? Title, string? Detail, int? Status, Dictionary<string, string[]>? Errors);
