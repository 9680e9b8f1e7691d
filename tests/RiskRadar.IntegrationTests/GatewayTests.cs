using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RiskRadar.IntegrationTests;

[Collection(LocalStackCollection.Name)]
public sealed class GatewayTests(LocalStackFixture stack)
{
    private const string PricePath = "/v1/instruments/EQ.AAPL/price";

    [Fact]
    public async Task A_simulated_price_is_read_back_through_the_gateway_with_a_token()
    {
        using var client = stack.CreateGatewayClient();
        var token = await LoginAsync(client, "dev", stack.DevPassword);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        HttpResponseMessage response;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, PricePath);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            response = await client.SendAsync(request, deadline.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            await Task.Delay(500, deadline.Token);
        }
        while (true);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(deadline.Token));
        Assert.Equal("EQ.AAPL", body.RootElement.GetProperty("instrumentId").GetString());
        Assert.Equal("simulator", body.RootElement.GetProperty("source").GetString());
        var price = body.RootElement.GetProperty("price").GetDouble();
        Assert.InRange(price, 190 * 0.5, 190 * 1.5);
        Assert.True(body.RootElement.GetProperty("timestamp").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-10));
    }

    [Fact]
    public async Task Without_a_token_the_gateway_answers_401_with_problem_details()
    {
        using var client = stack.CreateGatewayClient();
        var response = await client.GetAsync(PricePath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> RefusedTokens => new()
    {
        "wrong-key",
        "expired",
        "alg-none",
        "wrong-issuer",
        "wrong-audience",
        "garbage",
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task Invalid_tokens_are_refused(string kind)
    {
        var token = kind switch
        {
            "wrong-key" => Tokens.Create(new string('k', 64)),
            "expired" => Tokens.Create(stack.SigningKey, expires: DateTimeOffset.UtcNow.AddMinutes(-5)),
            "alg-none" => Tokens.Create(signingKey: null, algorithm: "none"),
            "wrong-issuer" => Tokens.Create(stack.SigningKey, issuer: "someone-else"),
            "wrong-audience" => Tokens.Create(stack.SigningKey, audience: "another-api"),
            _ => "not-a-jwt",
        };
        using var client = stack.CreateGatewayClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, PricePath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_the_gateway_key_is_accepted()
    {
        // The control for the refusals above: the same hand-built token with the right key passes.
        using var client = stack.CreateGatewayClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/instruments/NO.SUCH/price");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Create(stack.SigningKey));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("dev", "wrong-password")]
    [InlineData("nobody", "whatever")]
    public async Task Wrong_credentials_get_401_problem_details(string username, string password)
    {
        using var client = stack.CreateGatewayClient();
        var response = await client.PostAsJsonAsync("/auth/token", new { username, password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_request_without_fields_gets_400_naming_them()
    {
        using var client = stack.CreateGatewayClient();
        var response = await client.PostAsJsonAsync("/auth/token", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("username", body, StringComparison.Ordinal);
        Assert.Contains("password", body, StringComparison.Ordinal);
    }

    internal static async Task<string> LoginAsync(HttpClient client, string username, string password)
    {
        var response = await client.PostAsJsonAsync("/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.True(body.RootElement.GetProperty("expires_in").GetInt32() > 0);
        return body.RootElement.GetProperty("access_token").GetString()!;
    }
}
