using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RiskRadar.Gateway.Tests;

/// <summary>Small helpers for requests and the problem details the gateway answers with.</summary>
internal static partial class Http
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts an RFC 9457 answer with <paramref name="status"/>.</summary>
    public static async Task<JsonNode> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.ExpectAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, body["status"]!.GetValue<int>());
        AssertNoInternals(body.ToJsonString());
        return body;
    }

    /// <summary>No .NET type, namespace, exception name or stack frame in what a client is told.</summary>
    public static void AssertNoInternals(string body) =>
        Assert.False(Internals().IsMatch(body), $"The answer shows implementation details: {body}");

    [GeneratedRegex(@"System\.|Microsoft\.|RiskRadar\.|Nullable|`\d|Exception|\bat [A-Z]\w+\.|Path: \$|LineNumber:")]
    private static partial Regex Internals();

    public static string CorrelationId(this HttpResponseMessage response) => response.Headers.GetValues("X-Correlation-Id").Single();

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
