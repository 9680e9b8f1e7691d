using System.Net;
using System.Net.Http.Json;

namespace RiskRadar.Gateway.Tests;

/// <summary>Per-route role policies (from the gateway's YARP routes) and tenant isolation (the Api's, seen through the gateway).</summary>
[Collection(GatewayStackCollection.Name)]
public sealed class AuthorizationTests(GatewayStack stack)
{
    /// <summary>Method, path, the least role the route needs.</summary>
    public static TheoryData<string, string, string> Routes => new()
    {
        { "GET", "/v1/instruments/EQ.AAPL/price", "viewer" },
        { "GET", "/v1/stream/risk", "viewer" },
        { "POST", "/v1/risk/calculate", "analyst" },
        { "POST", "/v1/risk/stress", "analyst" },
        { "POST", "/v1/portfolios/p1/optimize", "analyst" },
        { "GET", "/v1/portfolios/p1/backtest", "analyst" },
        { "POST", "/v1/portfolios", "risk-manager" },
        { "PUT", "/v1/portfolios/p1", "risk-manager" },
        { "DELETE", "/v1/portfolios/p1/positions/EQ.AAPL", "risk-manager" },
        { "PATCH", "/v1/alerts/rules/r1", "risk-manager" },
        { "GET", "/v1/alerts/webhooks", "admin" },
        { "POST", "/v1/alerts/webhooks", "admin" },
        { "POST", "/v1/risk/anything-else", "admin" },
        { "DELETE", "/v1/instruments/EQ.AAPL", "admin" },
    };

    private static readonly string[] Ordered = ["viewer", "analyst", "risk-manager", "admin"];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_role_below_the_route_s_is_403_and_audited_and_the_route_s_role_gets_through(string method, string path, string least)
    {
        var index = Array.IndexOf(Ordered, least);
        if (index > 0)
        {
            using var below = stack.Client(role: Ordered[index - 1], gateway: stack.EdgeGateway);
            var denied = await below.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(method) });
            await denied.ExpectProblemAsync(HttpStatusCode.Forbidden);
            await stack.AssertAuditedAsync(denied, 403, "denied");
        }

        // The edge gateway's upstream echoes: 200 means the gateway forwarded the request.
        using var enough = stack.Client(role: least, gateway: stack.EdgeGateway);
        var allowed = await enough.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(method) });
        var echoed = await allowed.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(path, echoed["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_without_a_known_role_or_without_a_tenant_is_403()
    {
        using var intern = stack.Client(role: "intern");
        await (await intern.GetAsync("/v1/instruments/EQ.AAPL/price")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        using var noTenant = stack.Anonymous();
        noTenant.DefaultRequestHeaders.Authorization = new("Bearer", HandMadeTokens.Create(stack.SigningKey, tenant: ""));
        var response = await noTenant.GetAsync("/v1/instruments/EQ.AAPL/price");
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized });
    }

    [Fact]
    public async Task Another_tenant_s_portfolio_is_404_through_the_gateway_and_the_attempt_is_audited()
    {
        using var owner = stack.Client(role: "risk-manager", subject: "owner");
        var created = await (await owner.PostAsJsonAsync("/v1/portfolios", new { name = Http.Unique("tenant"), baseCurrency = "USD" }))
            .ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        await (await owner.GetAsync($"/v1/portfolios/{id}")).ExpectAsync(HttpStatusCode.OK);

        using var intruder = stack.Client(role: "admin", tenant: GatewayStack.OtherTenant, subject: "eve");
        var response = await intruder.GetAsync($"/v1/portfolios/{id}");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
        var record = await stack.AssertAuditedAsync(response, 404, "denied");
        Assert.Equal("eve", record["actor"]!.GetValue<string>());
        Assert.Equal(GatewayStack.OtherTenant, record["tenant_id"]!.GetValue<string>());
        var list = await (await intruder.GetAsync("/v1/portfolios")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(id, list.ToJsonString(), StringComparison.Ordinal);
    }

    private static StringContent? Body(string method) => method is "GET" or "DELETE" ? null : Http.Json("{}");
}
