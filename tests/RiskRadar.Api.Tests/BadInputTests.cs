using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace RiskRadar.Api.Tests;

/// <summary>Bad input through the gateway: a 4xx with problem details naming the field, and nothing written.</summary>
[Collection(ApiStackCollection.Name)]
public sealed class BadInputTests(ApiStack stack)
{
    public static TheoryData<string, string, string?> BadPositionUploads => new()
    {
        { "malformed JSON", """{"positions":[{"instrumentId":"EQ.AAA","quantity":1}""", "$" },
        { "wrong type", """{"positions":[{"instrumentId":"EQ.AAA","quantity":"ten"}]}""", "positions[0].quantity" },
        { "number as string id", """{"positions":[{"instrumentId":42,"quantity":1}]}""", "positions[0].instrumentId" },
        { "unknown field", """{"positions":[{"instrumentId":"EQ.AAA","quantity":1,"price":3}]}""", "positions[0].price" },
        { "absurd quantity", """{"positions":[{"instrumentId":"EQ.AAA","quantity":1e20}]}""", "positions[0].quantity" },
        { "missing quantity", """{"positions":[{"instrumentId":"EQ.AAA"}]}""", "positions[0].quantity" },
        { "unknown instrument", """{"positions":[{"instrumentId":"EQ.AAA","quantity":1},{"instrumentId":"EQ.NOPE","quantity":5}]}""", "positions[1].instrumentId" },
        { "duplicate instrument", """{"positions":[{"instrumentId":"EQ.AAA","quantity":1},{"instrumentId":"EQ.AAA","quantity":2}]}""", "positions[1].instrumentId" },
        { "SQL in an instrument id", """{"positions":[{"instrumentId":"EQ.AAA'; drop table portfolio_positions; --","quantity":1}]}""", "positions[0].instrumentId" },
        { "no positions array", """{"rows":[]}""", "rows" },
    };

    [Theory]
    [MemberData(nameof(BadPositionUploads))]
    public async Task A_bad_upload_is_refused_with_the_field_named_and_nothing_changes(string _, string body, string? field)
    {
        using var client = stack.Client();
        var (id, etag) = await client.CreatePortfolioAsync(Http.Unique("bad"));
        await (await client.PutAsJsonAsync($"/v1/portfolios/{id}/positions/EQ.BBB", new { quantity = 7 })).ExpectAsync(HttpStatusCode.OK);

        var response = await client.PostAsync($"/v1/portfolios/{id}/positions", Http.Json(body));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        var positions = await (await client.GetAsync($"/v1/portfolios/{id}/positions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, positions["version"]!.GetValue<long>()); // the one good change before, nothing after
        Assert.Equal("EQ.BBB", Assert.Single(positions["positions"]!.AsArray())!["instrumentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bad_csv_line_is_named_and_nothing_is_written()
    {
        using var client = stack.Client();
        var (id, _) = await client.CreatePortfolioAsync(Http.Unique("csv"));
        var csv = new StringContent("instrument_id,quantity\nEQ.AAA,10\nEQ.BBB,abc\n", Encoding.UTF8, "text/csv");

        await (await client.PostAsync($"/v1/portfolios/{id}/positions", csv)).ExpectProblemAsync(HttpStatusCode.BadRequest, "line 3.quantity");
        var positions = await (await client.GetAsync($"/v1/portfolios/{id}/positions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(positions["positions"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"name":"","baseCurrency":"USD"}""", "name")]
    [InlineData("""{"name":"ok","baseCurrency":"usd"}""", "baseCurrency")]
    [InlineData("""{"name":"ok","baseCurrency":"DOLLARS"}""", "baseCurrency")]
    [InlineData("""{"name":123,"baseCurrency":"USD"}""", "name")]
    [InlineData("""not json""", "$")]
    public async Task A_bad_portfolio_is_refused_with_the_field_named(string body, string field)
    {
        using var client = stack.Client(tenant: Http.Unique("badpf"));
        await (await client.PostAsync("/v1/portfolios", Http.Json(body))).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        var list = await (await client.GetAsync("/v1/portfolios")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(list["items"]!.AsArray());
    }

    [Fact]
    public async Task A_name_shaped_like_SQL_is_stored_as_text_and_harms_nothing()
    {
        using var client = stack.Client();
        var name = $"x'); delete from portfolios; -- {Guid.NewGuid():N}";
        var (id, _) = await client.CreatePortfolioAsync(name);
        var read = await (await client.GetAsync($"/v1/portfolios/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(name, read["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_huge_body_is_refused_with_413_and_nothing_is_written()
    {
        using var client = stack.Client();
        var (id, _) = await client.CreatePortfolioAsync(Http.Unique("huge"));
        var rows = string.Join(',', Enumerable.Range(0, 40_000).Select(_ => """{"instrumentId":"EQ.AAA","quantity":1}"""));

        var response = await client.PostAsync($"/v1/portfolios/{id}/positions", Http.Json($$"""{"positions":[{{rows}}]}"""));

        await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var positions = await (await client.GetAsync($"/v1/portfolios/{id}/positions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(positions["positions"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"positions":[{"instrumentId":"EQ.AAA","quantity":1}],"method":"magic"}""", "method")]
    [InlineData("""{"positions":[{"instrumentId":"EQ.AAA","quantity":1}],"confidence_level":1.5}""", "confidence_level")]
    [InlineData("""{"positions":[{"instrumentId":"EQ.AAA","quantity":1}],"horizon":"ten days"}""", "horizon")]
    [InlineData("""{"positions":[{"instrumentId":"EQ.AAA","quantity":1}],"metrics":["var","astrology"]}""", "metrics")]
    [InlineData("""{"positions":[{"instrumentId":"EQ.NOPE","quantity":1}]}""", "positions[0].instrumentId")]
    [InlineData("""{"positions":[{"instrumentId":"EQ.AAA","quantity":-1e300}]}""", "positions[0].quantity")]
    [InlineData("""{}""", "portfolio_id")]
    [InlineData("""{"positions":[{"instrumentId":"EQ.AAA","quantity":1}],"horizon":"90s"}""", "horizon")]
    public async Task A_bad_calculation_request_is_refused_with_the_field_named(string body, string field)
    {
        using var client = stack.Client(role: "analyst");
        await (await client.PostAsync("/v1/risk/calculate", Http.Json(body))).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    public static TheoryData<string, string, string?, string, string> BindingErrors => new()
    {
        { "PUT", "/v1/portfolios/{id}/positions/EQ.AAA", """{"quantity":"100"}""", "quantity", "quantity must be a JSON number." },
        { "PUT", "/v1/portfolios/{id}/positions/EQ.AAA", """{"quantity":true}""", "quantity", "quantity must be a JSON number." },
        { "PUT", "/v1/portfolios/{id}/positions/EQ.AAA", """{"quantity":1,"price":2}""", "price", "price is not a field of this request" },
        { "PUT", "/v1/portfolios/{id}/positions/EQ.AAA", """[1,2]""", "$", "The body must be a JSON object." },
        { "PUT", "/v1/portfolios/{id}/positions/EQ.AAA", """{"quantity":""", "$", "The body is not valid JSON (line 1" },
        { "POST", "/v1/portfolios/{id}/positions", """{"positions":{"instrumentId":"EQ.AAA"}}""", "positions", "positions must be a JSON array." },
        { "POST", "/v1/portfolios/{id}/positions", """{"positions":[{"instrumentId":["EQ.AAA"],"quantity":1}]}""", "positions[0].instrumentId", "positions[0].instrumentId must be a JSON string." },
        { "POST", "/v1/portfolios", """{"name":"x","baseCurrency":7}""", "baseCurrency", "baseCurrency must be a JSON string." },
        { "POST", "/v1/risk/calculate", """{"portfolio_id":"p","confidence_level":"high"}""", "confidence_level", "confidence_level must be a JSON number." },
        { "POST", "/v1/alerts/rules", """{"metric":"var99","threshold":"1e6"}""", "threshold", "threshold must be a JSON number." },
        { "POST", "/v1/alerts/rules", """{"metric":"var99","threshold":1e6,"window":"1h"}""", "window", "window must be 10s, 1m or 1d, provisional, or absent for every window." },
        { "GET", "/v1/portfolios/{id}/risk/explain?window=1w", null, "window", "window must be 10s, 1m or 1d." },
        { "GET", "/v1/portfolios?limit=ten", null, "limit", "limit must be a whole number." },
        { "GET", "/v1/portfolios/{id}/risk/history?from=yesterday", null, "from", "from must be an ISO 8601 date and time" },
        { "GET", "/v1/instruments/EQ.AAA/bars?to=soon", null, "to", "to must be an ISO 8601 date and time" },
        { "GET", "/v1/alerts?limit=1.5", null, "limit", "limit must be a whole number." },
    };

    [Theory]
    [MemberData(nameof(BindingErrors))]
    public async Task A_binding_error_says_what_the_field_must_be_in_the_client_s_terms(string method, string path, string? body, string field, string message)
    {
        using var client = stack.Client();
        var (id, _) = await client.CreatePortfolioAsync(Http.Unique("binding"));

        var response = await client.SendAsync(new HttpMethod(method), path.Replace("{id}", id, StringComparison.Ordinal), body is null ? null : Http.Json(body));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.True(problem["errors"]?[field] is JsonArray, $"errors do not name '{field}': {problem.ToJsonString()}");
        var said = Assert.Single(problem["errors"]![field]!.AsArray())!.GetValue<string>();
        Assert.StartsWith(message, said, StringComparison.Ordinal);
    }
}
