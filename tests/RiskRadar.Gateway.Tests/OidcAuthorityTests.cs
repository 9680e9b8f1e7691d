using System.Net;
using System.Net.Http.Headers;

namespace RiskRadar.Gateway.Tests;

/// <summary>Tokens of an external OIDC authority: keys from its discovery document and JWKS, next to the gateway's own.</summary>
[Collection(GatewayStackCollection.Name)]
public sealed class OidcAuthorityTests(GatewayStack stack)
{
    [Fact]
    public async Task An_rs256_token_of_the_authority_is_accepted_with_its_roles()
    {
        using var client = Client(stack.Upstream.Token("analyst", GatewayStack.Tenant, subject: "oidc-analyst"));

        await (await client.GetAsync("/v1/instruments")).ExpectAsync(HttpStatusCode.OK);
        var write = await client.PostAsync("/v1/risk/calculate", Http.Json("{}"));
        await write.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("oidc-analyst", (await stack.AuditRowAsync(write, 200, "allowed"))["actor"]!.GetValue<string>());
        await (await client.PostAsync("/v1/portfolios", Http.Json("{}"))).ExpectProblemAsync(HttpStatusCode.Forbidden);

        // The gateway's own tokens stay valid next to the authority's.
        using var local = stack.Client(role: "viewer", gateway: stack.EdgeGateway);
        await (await local.GetAsync("/v1/instruments")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_or_for_the_authority_at_a_gateway_that_does_not_trust_it_is_401()
    {
        using var forged = Client(stack.Upstream.Token("admin", GatewayStack.Tenant, foreignKey: true));
        var response = await forged.GetAsync("/v1/instruments");
        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await stack.AssertAuditedAsync(response, 401, "denied");

        // The main gateway has no authority configured: RS256 is not even an accepted algorithm there.
        using var elsewhere = stack.Anonymous();
        elsewhere.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", stack.Upstream.Token("admin", GatewayStack.Tenant));
        await (await elsewhere.GetAsync("/v1/instruments/EQ.AAPL/price")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    private HttpClient Client(string token)
    {
        var client = stack.Anonymous(stack.EdgeGateway);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
