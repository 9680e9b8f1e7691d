using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RiskRadar.Gateway.Tests;

/// <summary><c>POST /auth/token</c>: users from PostgreSQL, password and refresh-token grants as JSON or form, rotation and reuse detection.</summary>
[Collection(GatewayStackCollection.Name)]
public sealed class TokenEndpointTests(GatewayStack stack)
{
    [Fact]
    public async Task A_form_login_gives_a_bearer_token_and_a_refresh_token_that_are_never_cached()
    {
        using var client = stack.Anonymous();
        var response = await client.PostAsync("/auth/token", Form(new()
        {
            ["grant_type"] = "password",
            ["username"] = "alice",
            ["password"] = stack.Users["alice"].Password,
        }));

        var token = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("Bearer", token["token_type"]!.GetValue<string>());
        Assert.True(token["expires_in"]!.GetValue<int>() > 0);
        Assert.Equal(43, token["refresh_token"]!.GetValue<string>().Length); // 256 bits, base64url
        var claims = HandMadeTokens.DecodePayload(token["access_token"]!.GetValue<string>());
        Assert.Equal("alice", claims.GetProperty("sub").GetString());
        Assert.Equal(GatewayStack.Tenant, claims.GetProperty("tenant").GetString());
        Assert.Equal("risk-manager", claims.GetProperty("role").GetString());
        var login = await stack.AssertAuditedAsync(response, 200, "allowed");
        Assert.Equal("alice", login["actor"]!.GetValue<string>());
        Assert.Equal(GatewayStack.Tenant, login["tenant_id"]!.GetValue<string>());

        using var authorized = stack.Anonymous();
        authorized.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["access_token"]!.GetValue<string>());
        await (await authorized.GetAsync("/v1/instruments/EQ.AAPL/price")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_user_and_a_disabled_user_are_401_and_audited()
    {
        using var client = stack.Anonymous();
        var wrong = await client.PostAsJsonAsync("/auth/token", new { username = "alice", password = "not-the-password" });
        var problem = await wrong.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_grant", problem["error"]!.GetValue<string>());
        await stack.AssertAuditedAsync(wrong, 401, "denied");

        await (await client.PostAsJsonAsync("/auth/token", new { username = "nobody", password = "whatever" })).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        var refresh = (await stack.LoginAsync("vera"))["refresh_token"]!.GetValue<string>();
        await SetDisabledAsync("vera", true);
        try
        {
            await (await client.PostAsJsonAsync("/auth/token", new { username = "vera", password = stack.Users["vera"].Password }))
                .ExpectProblemAsync(HttpStatusCode.Unauthorized);
            // A disabled user's refresh tokens stop working at once too.
            await (await client.PostAsJsonAsync("/auth/token", new { grant_type = "refresh_token", refresh_token = refresh }))
                .ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }
        finally
        {
            await SetDisabledAsync("vera", false);
        }
    }

    [Fact]
    public async Task A_refresh_token_rotates_on_every_use_and_reusing_an_old_one_revokes_the_whole_login()
    {
        using var client = stack.Anonymous();
        var login = await stack.LoginAsync("alice");
        var first = login["refresh_token"]!.GetValue<string>();

        var second = (await (await Refresh(client, first, form: true)).ExpectAsync(HttpStatusCode.OK))["refresh_token"]!.GetValue<string>();
        var third = (await (await Refresh(client, second, form: false)).ExpectAsync(HttpStatusCode.OK))["refresh_token"]!.GetValue<string>();
        Assert.Equal(3, new HashSet<string> { first, second, third }.Count);

        // The first again: a copy is in someone else's hands, so the login ends, the newest token included.
        var reuse = await Refresh(client, first, form: false);
        await reuse.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await stack.AssertAuditedAsync(reuse, 401, "denied");
        await (await Refresh(client, third, form: true)).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        // Another login of the same user is a family of its own and unaffected.
        var other = (await stack.LoginAsync("alice"))["refresh_token"]!.GetValue<string>();
        await (await Refresh(client, other, form: false)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoking_a_refresh_token_logs_out_and_unknown_tokens_are_answered_the_same()
    {
        using var client = stack.Anonymous();
        var refresh = (await stack.LoginAsync("alice"))["refresh_token"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/auth/revoke", Form(new() { ["refresh_token"] = refresh }))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/auth/revoke", Form(new() { ["refresh_token"] = "never-issued" }))).StatusCode);
        await (await Refresh(client, refresh, form: true)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bad_requests_name_the_field()
    {
        using var client = stack.Anonymous();
        var missing = await (await client.PostAsJsonAsync("/auth/token", new { username = "alice" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(missing["errors"]!["password"]);
        var grant = await (await client.PostAsJsonAsync("/auth/token", new { grant_type = "client_credentials" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(grant["errors"]!["grant_type"]);
        await (await client.PostAsync("/auth/token", Http.Json("{not json"))).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Users_are_seeded_into_postgresql_with_password_hashes_only()
    {
        await using var command = stack.Database.CreateCommand("select username, tenant_id, roles, password_hash from auth_users order by username");
        await using var reader = await command.ExecuteReaderAsync();
        var seen = new List<string>();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(0);
            seen.Add(name);
            Assert.Equal(stack.Users[name].Tenant, reader.GetString(1));
            Assert.Equal([stack.Users[name].Role], reader.GetFieldValue<string[]>(2));
            Assert.StartsWith("pbkdf2-sha256$", reader.GetString(3), StringComparison.Ordinal);
            Assert.DoesNotContain(stack.Users[name].Password, reader.GetString(3), StringComparison.Ordinal);
        }

        Assert.Equal(stack.Users.Keys.Order(), seen);

        await using var tokens = stack.Database.CreateCommand("select count(*) from auth_refresh_tokens where octet_length(token_hash) <> 32");
        Assert.Equal(0L, await tokens.ExecuteScalarAsync());
    }

    private static FormUrlEncodedContent Form(Dictionary<string, string> fields) => new(fields);

    private static Task<HttpResponseMessage> Refresh(HttpClient client, string token, bool form) => form
        ? client.PostAsync("/auth/token", Form(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = token }))
        : client.PostAsJsonAsync("/auth/token", new JsonObject { ["grant_type"] = "refresh_token", ["refresh_token"] = token });

    private async Task SetDisabledAsync(string user, bool disabled)
    {
        await using var command = stack.Database.CreateCommand("update auth_users set disabled = $2 where username = $1");
        command.Parameters.Add(new() { Value = user });
        command.Parameters.Add(new() { Value = disabled });
        await command.ExecuteNonQueryAsync();
    }
}
