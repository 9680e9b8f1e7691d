using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace RiskRadar.Gateway.Tests;

/// <summary>What every response carries, the body-size limit, CORS and trace context.</summary>
[Collection(GatewayStackCollection.Name)]
public sealed class EdgeTests(GatewayStack stack)
{
    [Fact]
    public async Task Every_response_carries_security_headers_and_the_trace_id_proxied_refused_and_token_answers_alike()
    {
        using var viewer = stack.Client(role: "viewer");
        using var anonymous = stack.Anonymous();
        var responses = new[]
        {
            await viewer.GetAsync("/v1/instruments/EQ.AAPL/price"),
            await anonymous.GetAsync("/v1/instruments/EQ.AAPL/price"),
            await viewer.PostAsync("/v1/alerts/webhooks", Http.Json("{}")),
            await anonymous.PostAsJsonAsync("/auth/token", new { username = "alice", password = "wrong" }),
        };

        foreach (var response in responses)
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Matches("^[0-9a-f]{32}$", response.CorrelationId());
            // Plain HTTP here: HSTS is only sent over HTTPS, where it means something.
            Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        }

        Assert.True(responses[3].Headers.CacheControl?.NoStore);
        Assert.NotEqual(true, responses[0].Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task The_caller_s_trace_context_reaches_the_upstream_and_its_trace_id_comes_back()
    {
        var traceId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        using var client = stack.Client(role: "viewer", gateway: stack.EdgeGateway);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/instruments");
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-0123456789abcdef-01");

        var response = await client.SendAsync(request);

        var echoed = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(traceId, response.CorrelationId());
        var forwarded = echoed["headers"]!["traceparent"]!.GetValue<string>().Split('-');
        Assert.Equal(traceId, forwarded[1]);
        // The gateway's own span is the parent the upstream sees.
        Assert.NotEqual("0123456789abcdef", forwarded[2]);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_with_problem_details_and_audited_before_it_reaches_the_api()
    {
        using var client = stack.Client(role: "risk-manager");
        var huge = new string(' ', 2 * 1024 * 1024) + "{}";
        var response = await client.PostAsync("/v1/portfolios", Http.Json(huge));
        await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await stack.AssertAuditedAsync(response, 413, "denied");

        // Without a Content-Length (chunked), Kestrel stops the body at the same limit while it streams.
        using var chunked = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/portfolios") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var streamed = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
    }

    [Fact]
    public async Task Cors_allows_only_the_configured_origins()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/instruments");
        preflight.Headers.Add("Origin", GatewayStack.AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        using var edge = stack.Anonymous(stack.EdgeGateway);
        var allowed = await edge.SendAsync(preflight);
        Assert.Equal(GatewayStack.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var other = new HttpRequestMessage(HttpMethod.Options, "/v1/instruments");
        other.Headers.Add("Origin", "https://evil.example.com");
        other.Headers.Add("Access-Control-Request-Method", "GET");
        Assert.False((await edge.SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin"));

        // None by default: the main gateway has no allowed origins.
        using var viewer = stack.Client(role: "viewer");
        using var simple = new HttpRequestMessage(HttpMethod.Get, "/v1/instruments/EQ.AAPL/price");
        simple.Headers.Add("Origin", GatewayStack.AllowedOrigin);
        Assert.False((await viewer.SendAsync(simple)).Headers.Contains("Access-Control-Allow-Origin"));
    }
}
