using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RiskRadar.Gateway.Tests;

/// <summary>API keys: created by a tenant's admin and shown once, authenticating machine clients, revocable at once.</summary>
[Collection(GatewayStackCollection.Name)]
public sealed class ApiKeyTests(GatewayStack stack)
{
    [Fact]
    public async Task An_admin_creates_a_key_that_authenticates_with_its_roles_and_stops_working_once_revoked()
    {
        using var admin = await AdminAsync("root");
        var created = await CreateKeyAsync(admin, "pricing-bot", "viewer");
        var id = created["id"]!.GetValue<string>();
        var key = created["key"]!.GetValue<string>();
        Assert.StartsWith("rrk_", key, StringComparison.Ordinal);

        // The key is shown once: listings and lookups never carry it, the table keeps only its hash.
        var listed = await (await admin.GetAsync("/auth/api-keys")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(listed.AsArray(), k => k!["id"]!.GetValue<string>() == id);
        Assert.DoesNotContain(key, listed.ToJsonString(), StringComparison.Ordinal);
        var fetched = await (await admin.GetAsync($"/auth/api-keys/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("pricing-bot", fetched["name"]!.GetValue<string>());
        Assert.Null(fetched["key"]);
        await using (var stored = stack.Database.CreateCommand("select count(*) from auth_api_keys where position(convert_to($1, 'UTF8') in key_hash) > 0 or name = $1"))
        {
            stored.Parameters.Add(new() { Value = key });
            Assert.Equal(0L, await stored.ExecuteScalarAsync());
        }

        using var bot = KeyClient(key);
        var read = await bot.GetAsync("/v1/instruments/EQ.AAPL/price");
        Assert.Equal("No price", (await read.ExpectProblemAsync(HttpStatusCode.NotFound))["title"]!.GetValue<string>());
        var write = await bot.PostAsync("/v1/risk/calculate", Http.Json("{}"));
        await write.ExpectProblemAsync(HttpStatusCode.Forbidden);
        var denied = await stack.AssertAuditedAsync(write, 403, "denied");
        Assert.Equal($"apikey:{id}", denied["actor"]!.GetValue<string>());
        Assert.Equal(id, denied["api_key_id"]!.GetValue<string>());
        Assert.Equal(GatewayStack.Tenant, denied["tenant_id"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/auth/api-keys/{id}")).StatusCode);
        var revoked = await bot.GetAsync("/v1/instruments/EQ.AAPL/price");
        await revoked.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("ApiKey", revoked.Headers.WwwAuthenticate.ToString());
        await stack.AssertAuditedAsync(revoked, 401, "denied");
        var after = await (await admin.GetAsync($"/auth/api-keys/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.NotNull(after["revokedAt"]);
    }

    [Fact]
    public async Task The_api_receives_a_gateway_signed_token_for_the_key_and_never_the_key()
    {
        using var admin = await AdminAsync("root");
        var created = await CreateKeyAsync(admin, "risk-batch", "analyst");
        var id = created["id"]!.GetValue<string>();
        using var bot = KeyClient(created["key"]!.GetValue<string>(), stack.EdgeGateway);
        // Whatever Authorization the client adds is replaced: the key decides who the caller is.
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", stack.Token("admin"));

        var echoed = await (await bot.PostAsync("/v1/risk/calculate", Http.Json("{}"))).ExpectAsync(HttpStatusCode.OK);

        var headers = echoed["headers"]!.AsObject();
        Assert.False(headers.ContainsKey("x-api-key"));
        var authorization = headers["authorization"]!.GetValue<string>();
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        var claims = HandMadeTokens.DecodePayload(authorization["Bearer ".Length..]);
        Assert.Equal($"apikey:{id}", claims.GetProperty("sub").GetString());
        Assert.Equal(id, claims.GetProperty("api_key_id").GetString());
        Assert.Equal(GatewayStack.Tenant, claims.GetProperty("tenant").GetString());
        Assert.Equal("analyst", claims.GetProperty("role").GetString());
        Assert.Equal(GatewayStack.Issuer, claims.GetProperty("iss").GetString());
        Assert.InRange(claims.GetProperty("exp").GetInt64() - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 1, 301);

        // The minted token is one the Api accepts: it is signed with the shared key.
        using var direct = new HttpClient { BaseAddress = stack.Api.BaseAddress };
        direct.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        Assert.Equal("No price", (await (await direct.GetAsync("/v1/instruments/EQ.AAPL/price")).ExpectProblemAsync(HttpStatusCode.NotFound))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Keys_are_managed_by_admins_of_their_tenant_only_and_keys_cannot_manage_keys()
    {
        using var admin = await AdminAsync("root");
        var created = await CreateKeyAsync(admin, "admin-bot", "admin");
        var id = created["id"]!.GetValue<string>();

        using var otherAdmin = await AdminAsync("olga");
        await (await otherAdmin.GetAsync($"/auth/api-keys/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await otherAdmin.DeleteAsync($"/auth/api-keys/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        var theirs = await (await otherAdmin.GetAsync("/auth/api-keys")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(id, theirs.ToJsonString(), StringComparison.Ordinal);

        using var manager = stack.Client(role: "risk-manager");
        var forbidden = await manager.PostAsJsonAsync("/auth/api-keys", new { name = "mine", roles = new[] { "viewer" } });
        await forbidden.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await stack.AssertAuditedAsync(forbidden, 403, "denied");

        using var adminBot = KeyClient(created["key"]!.GetValue<string>());
        await (await adminBot.PostAsJsonAsync("/auth/api-keys", new { name = "spawn", roles = new[] { "admin" } })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await adminBot.DeleteAsync($"/auth/api-keys/{id}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unknown_keys_and_bad_requests_are_refused()
    {
        using var guesser = KeyClient("rrk_0123456789abcdef_" + new string('A', 43));
        var response = await guesser.GetAsync("/v1/instruments/EQ.AAPL/price");
        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await stack.AssertAuditedAsync(response, 401, "denied");

        using var admin = await AdminAsync("root");
        await (await admin.PostAsJsonAsync("/auth/api-keys", new { name = "", roles = new[] { "viewer" } })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var roles = await (await admin.PostAsJsonAsync("/auth/api-keys", new { name = "x", roles = new[] { "root" } })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(roles["errors"]!["roles"]);
    }

    /// <summary>A client with a token from a real login, as an admin would have.</summary>
    [Theory]
    [InlineData("POST", "/auth/api-keys", """{"name":5,"roles":["viewer"]}""", "name", "name must be a JSON string.")]
    [InlineData("POST", "/auth/api-keys", """{"name":"bot","roles":"viewer"}""", "roles", "roles must be a JSON array.")]
    [InlineData("POST", "/auth/api-keys", """{"name":"bot",""", "$", "The body is not valid JSON (line 1")]
    [InlineData("GET", "/v1/audit/events?from=yesterday", null, "from", "from must be an ISO 8601 date and time")]
    [InlineData("GET", "/v1/audit/events?limit=all", null, "limit", "limit must be a whole number.")]
    public async Task The_gateway_s_own_binding_errors_name_the_field_in_the_client_s_terms(string method, string path, string? body, string field, string message)
    {
        using var admin = await AdminAsync("root");
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : Http.Json(body) };

        var problem = await (await admin.SendAsync(request)).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem["errors"]?[field] is JsonArray, $"errors do not name '{field}': {problem.ToJsonString()}");
        var said = Assert.Single(problem["errors"]![field]!.AsArray())!.GetValue<string>();
        Assert.StartsWith(message, said, StringComparison.Ordinal);
    }

    private async Task<HttpClient> AdminAsync(string user)
    {
        var token = await stack.LoginAsync(user);
        var client = stack.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["access_token"]!.GetValue<string>());
        return client;
    }

    private static async Task<JsonNode> CreateKeyAsync(HttpClient admin, string name, string role)
    {
        var response = await admin.PostAsJsonAsync("/auth/api-keys", new { name, roles = new[] { role } });
        var created = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/auth/api-keys/{created["id"]!.GetValue<string>()}", response.Headers.Location?.ToString());
        return created;
    }

    private HttpClient KeyClient(string key, Testing.ServiceProcess? gateway = null)
    {
        var client = stack.Anonymous(gateway);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
