using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Npgsql;
using RiskRadar.Contracts.Topics;

namespace RiskRadar.Api.Tests.Security;

/// <summary>
/// The gateway's security matrix: every refused token is a 401, a missing role a 403, another tenant a 404, too many
/// requests a 429 that recovers; and every one of them is in the audit table and on <c>audit.events</c>.
/// </summary>
[Collection(ApiStackCollection.Name)]
public sealed class GatewaySecurityTests(ApiStack stack)
{
    private const string ReadPath = "/v1/portfolios";

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
        using var client = new HttpClient { BaseAddress = stack.Gateway.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, ReadPath) { Content = Http.Json("""{"name":"x","baseCurrency":"USD"}""") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.SendAsync(request);

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await AssertAuditedAsync(response, 401, "denied");
    }

    [Fact]
    public async Task A_role_without_the_right_is_403_and_audited()
    {
        using var viewer = stack.Client(role: "viewer");
        await (await viewer.GetAsync(ReadPath)).ExpectAsync(HttpStatusCode.OK);

        var write = await viewer.PostAsJsonAsync(ReadPath, new { name = "nope", baseCurrency = "USD" });
        await write.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await AssertAuditedAsync(write, 403, "denied");

        using var analyst = stack.Client(role: "analyst");
        await (await analyst.PostAsJsonAsync("/v1/alerts/webhooks", new { url = "https://x.example.com", secret = "0123456789abcdef" })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        using var unknownRole = stack.Client(role: "intern");
        await (await unknownRole.GetAsync(ReadPath)).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_tenants_portfolio_is_404_and_the_attempt_is_audited()
    {
        using var owner = stack.Client();
        var (id, _) = await owner.CreatePortfolioAsync(Http.Unique("audited"));
        using var intruder = stack.Client(role: "admin", tenant: ApiStack.OtherTenant, subject: "eve");

        var response = await intruder.GetAsync($"/v1/portfolios/{id}");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
        var record = await AssertAuditedAsync(response, 404, "denied");
        Assert.Equal("eve", record["actor"]!.GetValue<string>());
        Assert.Equal(ApiStack.OtherTenant, record["tenant_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_response_carries_security_headers_and_a_correlation_id()
    {
        using var client = stack.Client(role: "viewer");
        var response = await client.GetAsync(ReadPath);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Fact]
    public async Task A_write_is_audited_as_allowed_and_the_trail_cannot_be_rewritten()
    {
        using var client = stack.Client(subject: "writer");
        var response = await client.PostAsJsonAsync(ReadPath, new { name = Http.Unique("write"), baseCurrency = "USD" });
        await response.ExpectAsync(HttpStatusCode.Created);
        var record = await AssertAuditedAsync(response, 201, "allowed");
        Assert.Equal("writer", record["actor"]!.GetValue<string>());

        await using var update = stack.Database.CreateCommand("update audit_events set outcome = 'allowed' where outcome = 'denied'");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        await using var delete = stack.Database.CreateCommand("delete from audit_events");
        await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task The_audit_trail_reaches_the_audit_events_topic()
    {
        using var client = new HttpClient { BaseAddress = stack.Gateway.BaseAddress };
        var response = await client.DeleteAsync("/v1/portfolios/anything");
        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        var correlation = response.Headers.GetValues("X-Correlation-Id").Single();

        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = stack.Kafka.BootstrapServers,
            GroupId = "audit-check-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(KafkaTopics.AuditEvents, 0, Offset.Beginning));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonNode? found = null;
        while (found is null && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message })
            {
                var record = JsonNode.Parse(message.Value)!;
                found = record["correlationId"]?.GetValue<string>() == correlation ? record : null;
            }
        }

        Assert.NotNull(found);
        Assert.Equal("denied", found["outcome"]!.GetValue<string>());
        Assert.Equal(401, found["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Too_many_requests_are_429_with_retry_after_then_recover_and_the_token_endpoint_is_stricter()
    {
        await using var strict = await stack.StartGatewayAsync(new Dictionary<string, string>
        {
            ["RateLimits__PerUser__TokenLimit"] = "5",
            ["RateLimits__PerUser__TokensPerPeriod"] = "5",
            ["RateLimits__PerUser__ReplenishmentPeriod"] = "00:00:02",
            ["RateLimits__TokenEndpoint__PermitLimit"] = "3",
            ["RateLimits__TokenEndpoint__Window"] = "00:00:03",
        });
        using var client = new HttpClient { BaseAddress = strict.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", stack.Token("viewer", ApiStack.Tenant, Http.Unique("burst")));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? throttled = null;
        for (var i = 0; i < 8; i++)
        {
            var response = await client.GetAsync(ReadPath);
            statuses.Add(response.StatusCode);
            throttled ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.NotNull(throttled);
        await throttled.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = throttled.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        await AssertAuditedAsync(throttled, 429, "denied");

        await Task.Delay(retryAfter + TimeSpan.FromMilliseconds(200));
        await (await client.GetAsync(ReadPath)).ExpectAsync(HttpStatusCode.OK);

        // Another user has a bucket of its own.
        using var other = new HttpClient { BaseAddress = strict.BaseAddress };
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", stack.Token("viewer", ApiStack.Tenant, Http.Unique("calm")));
        await (await other.GetAsync(ReadPath)).ExpectAsync(HttpStatusCode.OK);

        using var anonymous = new HttpClient { BaseAddress = strict.BaseAddress };
        var logins = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            logins.Add((await anonymous.PostAsJsonAsync("/auth/token", new { username = "alice", password = "guess" + i })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], logins);
    }

    [Fact]
    public async Task A_login_gives_a_refresh_token_that_rotates_and_whose_reuse_revokes_the_login()
    {
        using var client = new HttpClient { BaseAddress = stack.Gateway.BaseAddress };
        var loginResponse = await client.PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = ApiStack.UserName,
            ["password"] = stack.UserPassword,
        }));
        var login = await loginResponse.ExpectAsync(HttpStatusCode.OK);
        Assert.True(loginResponse.Headers.CacheControl?.NoStore);
        var first = login["refresh_token"]!.GetValue<string>();

        using var authorized = new HttpClient { BaseAddress = stack.Gateway.BaseAddress };
        authorized.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login["access_token"]!.GetValue<string>());
        await (await authorized.GetAsync(ReadPath)).ExpectAsync(HttpStatusCode.OK);

        var refreshed = await (await client.PostAsJsonAsync("/auth/token", new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = first }))
            .ExpectAsync(HttpStatusCode.OK);
        var second = refreshed["refresh_token"]!.GetValue<string>();
        Assert.NotEqual(first, second);

        // The first one again: a copy is in someone else's hands, so the whole login ends, the newest token included.
        await (await client.PostAsJsonAsync("/auth/token", new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = first }))
            .ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsJsonAsync("/auth/token", new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = second }))
            .ExpectProblemAsync(HttpStatusCode.Unauthorized);

        await using var stored = stack.Database.CreateCommand("select count(*) from auth_users where password_hash like '%' || $1 || '%'");
        stored.Parameters.Add(new() { Value = stack.UserPassword });
        Assert.Equal(0L, await stored.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_body_over_the_gateway_limit_is_413_and_audited()
    {
        using var client = stack.Client();
        var response = await client.PostAsync(ReadPath, Http.Json(new string(' ', 2 * 1024 * 1024) + "{}"));
        await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertAuditedAsync(response, 413, "denied");
    }

    /// <summary>The audit row of the response's request (by correlation id), which the gateway writes as the response ends.</summary>
    private async Task<JsonObject> AssertAuditedAsync(HttpResponseMessage response, int status, string outcome)
    {
        var correlation = response.Headers.GetValues("X-Correlation-Id").Single();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using var command = stack.Database.CreateCommand(
                "select row_to_json(a)::text from audit_events a where correlation_id = $1");
            command.Parameters.Add(new() { Value = correlation });
            if (await command.ExecuteScalarAsync() is string json)
            {
                var record = JsonNode.Parse(json)!.AsObject();
                Assert.Equal(status, record["status"]!.GetValue<int>());
                Assert.Equal(outcome, record["outcome"]!.GetValue<string>());
                Assert.False(string.IsNullOrEmpty(record["route"]!.GetValue<string>()));
                return record;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No audit record with correlation id {correlation}.");
            await Task.Delay(100);
        }
    }
}
