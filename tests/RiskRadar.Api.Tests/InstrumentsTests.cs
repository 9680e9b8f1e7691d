using System.Net;

namespace RiskRadar.Api.Tests;

/// <summary>The instrument master and market data through the gateway, and the Api's OpenAPI document.</summary>
[Collection(ApiStackCollection.Name)]
public sealed class InstrumentsTests(ApiStack stack)
{
    [Fact]
    public async Task The_master_is_listed_in_pages_and_by_asset_class()
    {
        using var client = stack.Client(role: "viewer");
        var first = await (await client.GetAsync("/v1/instruments?limit=4")).ExpectAsync(HttpStatusCode.OK);
        var second = await (await client.GetAsync($"/v1/instruments?limit=4&cursor={first["nextCursor"]!.GetValue<string>()}")).ExpectAsync(HttpStatusCode.OK);
        var all = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(i => i!["instrumentId"]!.GetValue<string>()).ToList();
        Assert.Equal(["CR.BTCUSD", "EQ.AAA", "EQ.BBB", "EQ.CCC", "EQ.NOBARS", "FX.EURUSD"], all);

        var crypto = await (await client.GetAsync("/v1/instruments?assetClass=Crypto")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("CR.BTCUSD", Assert.Single(crypto["items"]!.AsArray())!["instrumentId"]!.GetValue<string>());
        await (await client.GetAsync("/v1/instruments?assetClass=Tulips")).ExpectProblemAsync(HttpStatusCode.BadRequest, "assetClass");
    }

    [Fact]
    public async Task Bars_come_from_the_time_series_store_in_the_range_asked()
    {
        using var client = stack.Client(role: "viewer");
        var from = MarketHistory.Start.AddMinutes(10);
        var to = MarketHistory.Start.AddMinutes(20);
        var bars = await (await client.GetAsync($"/v1/instruments/EQ.AAA/bars?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}"))
            .ExpectAsync(HttpStatusCode.OK);

        // Half-open on the bar end: bars 9..18 end in [10, 20) minutes.
        var closes = bars.AsArray().Select(b => b!["close"]!.GetValue<double>()).ToArray();
        Assert.Equal(MarketHistory.Closes("EQ.AAA")[9..19], closes);
        await (await client.GetAsync("/v1/instruments/EQ.AAA/bars?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z")).ExpectProblemAsync(HttpStatusCode.BadRequest, "from");
    }

    [Fact]
    public async Task The_api_describes_itself_in_an_openapi_document()
    {
        using var client = new HttpClient { BaseAddress = stack.Api.BaseAddress };
        var document = await (await client.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[] { "/v1/portfolios", "/v1/portfolios/{portfolioId}/positions", "/v1/risk/calculate", "/v1/risk/stress", "/v1/alerts/rules", "/v1/stream/risk" })
        {
            Assert.True(paths.ContainsKey(path) || paths.ContainsKey(path + "/"), $"{path} is not in the OpenAPI document");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/v1")).StatusCode);
    }
}
