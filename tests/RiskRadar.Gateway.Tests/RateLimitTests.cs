using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace RiskRadar.Gateway.Tests;

/// <summary>Token buckets per user and per API key (configured apart), and the stricter window of the token endpoint.</summary>
[Collection(GatewayStackCollection.Name)]
public sealed class RateLimitTests(GatewayStack stack)
{
    private const string ViewerRoute = "/v1/instruments/EQ.AAPL/price";

    [Fact]
    public async Task Too_many_requests_are_429_with_retry_after_then_recover_per_user_per_key_and_at_the_token_endpoint()
    {
        // A burst of 5 (users) or 3 (keys), then one token every 2 s: a burst of 10 must see 429s whatever the timer does.
        await using var strict = await stack.StartGatewayAsync(new Dictionary<string, string>
        {
            ["RateLimits__PerUser__TokenLimit"] = "5",
            ["RateLimits__PerUser__TokensPerPeriod"] = "1",
            ["RateLimits__PerUser__ReplenishmentPeriod"] = "00:00:02",
            ["RateLimits__PerApiKey__TokenLimit"] = "3",
            ["RateLimits__PerApiKey__TokensPerPeriod"] = "1",
            ["RateLimits__PerApiKey__ReplenishmentPeriod"] = "00:00:02",
            ["RateLimits__TokenEndpoint__PermitLimit"] = "3",
            ["RateLimits__TokenEndpoint__Window"] = "00:00:10",
        });

        using var user = stack.Client(role: "viewer", subject: Http.Unique("burst"), gateway: strict);
        var (passed, throttled) = await BurstAsync(user, 10);
        Assert.InRange(passed, 5, 6);
        await throttled!.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = throttled!.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        var record = await stack.AssertAuditedAsync(throttled, 429, "denied");
        Assert.StartsWith("burst-", record["actor"]!.GetValue<string>(), StringComparison.Ordinal);

        await Task.Delay(retryAfter + TimeSpan.FromMilliseconds(300));
        await (await user.GetAsync(ViewerRoute)).ExpectProblemAsync(HttpStatusCode.NotFound);

        // Another user has a bucket of their own.
        using var other = stack.Client(role: "viewer", subject: Http.Unique("calm"), gateway: strict);
        await (await other.GetAsync(ViewerRoute)).ExpectProblemAsync(HttpStatusCode.NotFound);

        // API keys have their own, separately configured buckets.
        var admin = await stack.LoginAsync("root");
        using var main = stack.Anonymous();
        main.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin["access_token"]!.GetValue<string>());
        var key = await (await main.PostAsJsonAsync("/auth/api-keys", new { name = "burst-bot", roles = new[] { "viewer" } })).ExpectAsync(HttpStatusCode.Created);
        using var bot = stack.Anonymous(strict);
        bot.DefaultRequestHeaders.Add("X-Api-Key", key["key"]!.GetValue<string>());
        var (keyPassed, keyThrottled) = await BurstAsync(bot, 8);
        Assert.InRange(keyPassed, 3, 4);
        await keyThrottled!.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(keyThrottled!.Headers.RetryAfter);
        Assert.Equal(key["id"]!.GetValue<string>(), (await stack.AssertAuditedAsync(keyThrottled, 429, "denied"))["api_key_id"]!.GetValue<string>());

        // The token endpoint: a fixed window per client address, much smaller, against password guessing.
        using var anonymous = stack.Anonymous(strict);
        var logins = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            logins.Add(await anonymous.PostAsJsonAsync("/auth/token", new { username = "alice", password = "guess" + i }));
        }

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            logins.Select(r => r.StatusCode));
        await logins[3].ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(logins[3].Headers.RetryAfter);
        await stack.AssertAuditedAsync(logins[3], 429, "denied");
    }

    private static async Task<(int Passed, HttpResponseMessage? Throttled)> BurstAsync(HttpClient client, int count)
    {
        var passed = 0;
        HttpResponseMessage? throttled = null;
        for (var i = 0; i < count; i++)
        {
            var response = await client.GetAsync(ViewerRoute);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throttled ??= response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                passed++;
            }
        }

        return (passed, throttled);
    }
}
