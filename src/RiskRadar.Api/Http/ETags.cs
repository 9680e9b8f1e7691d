using Microsoft.Net.Http.Headers;

namespace RiskRadar.Api.Http;

/// <summary>Versions as strong ETags (<c>"7"</c>) and the If-Match check that keeps concurrent edits from overwriting each other.</summary>
public static class ETags
{
    public static string For(long version) => $"\"{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";

    public static void Set(HttpResponse response, long version)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ETag = For(version);
    }

    /// <summary>
    /// The version an If-Match header names: null when there is none, -1 when it cannot be a version of ours (which
    /// then fails the precondition, as RFC 9110 asks for an unknown entity tag).
    /// </summary>
    public static long? IfMatch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseList([header], out var tags) || tags.Count != 1 || tags[0].IsWeak)
        {
            return -1;
        }

        var value = tags[0].Tag.AsSpan().Trim('"');
        return long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : -1;
    }
}
