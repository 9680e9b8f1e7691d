using System.Net;
using System.Net.Http.Headers;

namespace RiskRadar.Gateway.Tests;

/// <summary>Every token the gateway must refuse is a 401 with problem details, audited in the table and on the topic.</summary>
[Collection(GatewayStackCollection.Name)]
public sealed class AuthenticationTests(GatewayStack stack)
{
    private const string ViewerRoute = "/v1/instruments/EQ.AAPL/price";

    public static TheoryData<string> RefusedTokens => new() { "none", "expired", "wrong-key", "wrong-issuer", "wrong-audience", "alg-none", "tampered-role", "garbage" };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_refused_token_is_401_with_problem_details_and_audited(string kind)
    {
        var key = stack.SigningKey;
        var token = kind switch
        {
            "none" => null,
            "expired" => HandMadeTokens.Create(key, expires: DateTimeOffset.UtcNow.AddMinutes(-5)),
            "wrong-key" => HandMadeTokens.Create(Convert.ToBase64String(new byte[48])),
            "wrong-issuer" => HandMadeTokens.Create(key, issuer: "https://evil.example.com"),
            "wrong-audience" => HandMadeTokens.Create(key, audience: "another-api"),
            "alg-none" => HandMadeTokens.Create(null, algorithm: "none"),
            "tampered-role" => HandMadeTokens.WithTamperedRole(key, "admin"),
            _ => "not.a.jwt",
        };
        using var client = stack.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, ViewerRoute);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.SendAsync(request);

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var record = await stack.AssertAuditedAsync(response, 401, "denied");
        Assert.Null(record["actor"]?.GetValue<string>());
        Assert.Equal("GET", record["method"]!.GetValue<string>());
        Assert.Equal(ViewerRoute, record["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_valid_token_passes_and_the_caller_s_authorization_header_reaches_the_upstream_unchanged()
    {
        using var viewer = stack.Client(role: "viewer");
        var response = await viewer.GetAsync(ViewerRoute);
        // The Api's own answer for an instrument without prices: the gateway let the request through.
        var problem = await response.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("No price", problem["title"]!.GetValue<string>());

        var token = stack.Token("viewer");
        using var edge = stack.Anonymous(stack.EdgeGateway);
        edge.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var echoed = await (await edge.GetAsync("/v1/instruments")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Bearer " + token, echoed["headers"]!["authorization"]!.GetValue<string>());
    }

    [Fact]
    public async Task Anything_outside_the_proxied_routes_needs_a_token_too()
    {
        using var client = stack.Anonymous();
        await (await client.GetAsync("/openapi/v1.json")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
