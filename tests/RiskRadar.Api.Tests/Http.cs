using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RiskRadar.Api.Tests;

/// <summary>Small helpers for requests and the problem details the API answers with.</summary>
internal static partial class Http
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"Empty body ({(int)response.StatusCode}).");
    }

    public static async Task<JsonNode> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts an RFC 9457 answer with <paramref name="status"/>, and for 400 that the errors name <paramref name="field"/>.</summary>
    public static async Task<JsonNode> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.ExpectAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, body["status"]!.GetValue<int>());
        AssertNoInternals(body.ToJsonString());
        if (field is not null)
        {
            var errors = body["errors"]!.AsObject();
            Assert.True(errors.ContainsKey(field), $"errors do not name '{field}': {errors.ToJsonString()}");
        }

        return body;
    }

    /// <summary>No .NET type, namespace, exception name or stack frame in what a client is told.</summary>
    public static void AssertNoInternals(string body) =>
        Assert.False(Internals().IsMatch(body), $"The answer shows implementation details: {body}");

    [GeneratedRegex(@"System\.|Microsoft\.|RiskRadar\.|Nullable|`\d|Exception|\bat [A-Z]\w+\.|Path: \$|LineNumber:")]
    private static partial Regex Internals();

    public static async Task<(string Id, string ETag)> CreatePortfolioAsync(this HttpClient client, string name, string baseCurrency = "USD")
    {
        var response = await client.PostAsJsonAsync("/v1/portfolios", new { name, baseCurrency });
        var body = await response.ExpectAsync(HttpStatusCode.Created);
        return (body["id"]!.GetValue<string>(), response.Headers.ETag!.Tag);
    }

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string uri, HttpContent? content = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
