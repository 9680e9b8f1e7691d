using System.Net;
using System.Net.Http.Json;

namespace RiskRadar.Api.Tests;

/// <summary>The instrument master and market data through the gateway, and the Api's OpenAPI document.</summary>
[Collection(ApiStackCollection.Name)]
public sealed class InstrumentsTests(ApiStack stack)
{
    [Fact]
    public async Task The_master_is_listed_in_pages_and_by_asset_class()
    {
        using var client = stack.Client(role: "viewer");
        var first = await (await client.GetAsync("/v1/instruments?limit=4&kind=Spot")).ExpectAsync(HttpStatusCode.OK);
        var second = await (await client.GetAsync($"/v1/instruments?limit=4&kind=Spot&cursor={first["nextCursor"]!.GetValue<string>()}")).ExpectAsync(HttpStatusCode.OK);
        var all = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(i => i!["instrumentId"]!.GetValue<string>()).ToList();
        // Other tests of the stack add instruments of their own: the seeded ones come in id order, each once, across the pages.
        string[] seeded = ["CR.BTCUSD", "EQ.AAA", "EQ.BBB", "EQ.CCC", "EQ.NOBARS", "FX.EURUSD"];
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Equal(all.Distinct(), all);
        Assert.Equal(seeded.Take(all.Count(seeded.Contains)), all.Where(seeded.Contains));
        Assert.InRange(all.Count, seeded.Length, 8);

        var crypto = await (await client.GetAsync("/v1/instruments?assetClass=Crypto")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("CR.BTCUSD", Assert.Single(crypto["items"]!.AsArray())!["instrumentId"]!.GetValue<string>());
        await (await client.GetAsync("/v1/instruments?assetClass=Tulips")).ExpectProblemAsync(HttpStatusCode.BadRequest, "assetClass");
        await (await client.GetAsync("/v1/instruments?kind=Swaption")).ExpectProblemAsync(HttpStatusCode.BadRequest, "kind");
    }

    [Fact]
    public async Task An_admin_adds_an_option_a_future_and_a_bond_with_their_terms()
    {
        using var admin = stack.Client(role: "admin");
        var expiry = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(3).ToString("yyyy-MM-dd");
        var maturity = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(7).ToString("yyyy-MM-dd");
        var option = await (await admin.PostAsJsonAsync("/v1/instruments", new
        {
            instrumentId = "OP.AAA.C100",
            symbol = "AAA C100",
            assetClass = "Equity",
            currency = "USD",
            priceScale = 1.0,
            kind = "Option",
            option = new { underlying = "EQ.AAA", right = "Call", strike = 100.0, expiry, multiplier = 100.0, dividendYield = 0.01 },
        })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, option["version"]!.GetValue<int>());
        await (await admin.PostAsJsonAsync("/v1/instruments", new
        {
            instrumentId = "FU.AAA",
            symbol = "AAA FUT",
            assetClass = "Equity",
            currency = "USD",
            priceScale = 1.0,
            kind = "Future",
            future = new { underlying = "EQ.AAA", expiry, multiplier = 50.0, carryYield = 0.01 },
        })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/v1/instruments", new
        {
            instrumentId = "BD.UST7",
            symbol = "UST 4.25 7Y",
            assetClass = "FixedIncome",
            currency = "USD",
            priceScale = 1.0,
            kind = "Bond",
            bond = new { face = 100.0, couponRate = 0.0425, frequency = 2, dayCount = "ACT/ACT", maturity },
        })).ExpectAsync(HttpStatusCode.Created);

        using var viewer = stack.Client(role: "viewer");
        var read = await (await viewer.GetAsync("/v1/instruments/OP.AAA.C100")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Option", read["kind"]!.GetValue<string>());
        Assert.Equal("EQ.AAA", read["option"]!["underlying"]!.GetValue<string>());
        Assert.Equal(expiry, read["option"]!["expiry"]!.GetValue<string>());
        var bonds = await (await viewer.GetAsync("/v1/instruments?kind=Bond")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0.0425, bonds["items"]!.AsArray().Single(b => b!["instrumentId"]!.GetValue<string>() == "BD.UST7")!["bond"]!["couponRate"]!.GetValue<double>());
        Assert.All(bonds["items"]!.AsArray(), b => Assert.Equal("Bond", b!["kind"]!.GetValue<string>()));
        await (await viewer.GetAsync("/v1/instruments/OP.NOPE")).ExpectProblemAsync(HttpStatusCode.NotFound);

        // Only an admin adds to the master; a second record with the same id or symbol is a conflict.
        Assert.Equal(HttpStatusCode.Forbidden, (await stack.Client(role: "risk-manager").PostAsJsonAsync("/v1/instruments", new { instrumentId = "X" })).StatusCode);
        await (await admin.PostAsJsonAsync("/v1/instruments", new
        {
            instrumentId = "BD.UST7",
            symbol = "UST other",
            assetClass = "FixedIncome",
            currency = "USD",
            priceScale = 1.0,
            kind = "Bond",
            bond = new { face = 100.0, couponRate = 0.04, frequency = 2, dayCount = "ACT/ACT", maturity },
        })).ExpectProblemAsync(HttpStatusCode.Conflict);

        // Until the pipeline values contracts, a portfolio refuses them, saying why, in uploads too.
        using var manager = stack.Client(role: "risk-manager");
        var (id, _) = await manager.CreatePortfolioAsync(Http.Unique("multi-asset"));
        var csv = new StringContent("instrumentId,quantity\nEQ.AAA,1000\nOP.AAA.C100,-10\n", System.Text.Encoding.UTF8, "text/csv");
        var refused = await (await manager.PostAsync($"/v1/portfolios/{id}/positions", csv)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("kind Option", refused["errors"]!.ToJsonString(), StringComparison.Ordinal);
        await (await manager.PutAsJsonAsync($"/v1/portfolios/{id}/positions/BD.UST7", new { quantity = 5 })).ExpectProblemAsync(HttpStatusCode.BadRequest, "instrumentId");
    }

    [Fact]
    public async Task Curve_pillars_and_volatility_nodes_are_market_factors_of_the_master()
    {
        using var admin = stack.Client(role: "admin");
        var pillar = await (await admin.PostAsJsonAsync("/v1/instruments", new
        {
            instrumentId = "IR.USD.10Y",
            symbol = "USD 10Y",
            assetClass = "FixedIncome",
            currency = "USD",
            priceScale = 0.01,
            kind = "Rate",
            rate = new { curve = "USD", tenor = "10Y" },
        })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("10Y", pillar["rate"]!["tenor"]!.GetValue<string>());
        await (await admin.PostAsJsonAsync("/v1/instruments", new
        {
            instrumentId = "VOL.AAA.1Y.ATM",
            symbol = "AAA 1Y ATM",
            assetClass = "Volatility",
            currency = "USD",
            priceScale = 1.0,
            kind = "Volatility",
            volatility = new { underlying = "EQ.AAA", tenor = "1Y", moneyness = 1.0 },
        })).ExpectAsync(HttpStatusCode.Created);

        var problem = await (await admin.PostAsJsonAsync("/v1/instruments", new
        {
            instrumentId = "IR.EUR.X",
            symbol = "EUR X",
            assetClass = "Equity",
            currency = "EUR",
            priceScale = 1.0,
            kind = "Rate",
            rate = new { curve = "USD", tenor = "7Q" },
        })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "rate.curve", "rate.tenor", "assetClass" })
        {
            Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"no error for {field}: {problem.ToJsonString()}");
        }

        // A factor is not something to hold.
        using var manager = stack.Client(role: "risk-manager");
        var (id, _) = await manager.CreatePortfolioAsync(Http.Unique("factor"));
        await (await manager.PutAsJsonAsync($"/v1/portfolios/{id}/positions/IR.USD.10Y", new { quantity = 5 })).ExpectProblemAsync(HttpStatusCode.BadRequest, "instrumentId");
    }

    [Fact]
    public async Task Bad_contract_terms_are_refused_field_by_field()
    {
        using var admin = stack.Client(role: "admin");
        var problem = await (await admin.PostAsJsonAsync("/v1/instruments", new
        {
            instrumentId = "OP.BAD",
            symbol = "BAD",
            assetClass = "Equity",
            currency = "usd",
            priceScale = 1.0,
            kind = "Option",
            option = new { underlying = "OP.AAA.NOPE", right = "Straddle", strike = -5.0, expiry = "2001-01-01", multiplier = 0.0, dividendYield = 0.01, dividendCurve = "EUR" },
            bond = new { face = 100.0, couponRate = 0.04, frequency = 2, dayCount = "ACT/ACT", maturity = "2040-01-01" },
        })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "currency", "bond", "option.underlying", "option.right", "option.strike", "option.expiry", "option.multiplier", "option.dividendCurve" })
        {
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {errors.ToJsonString()}");
        }

        Assert.DoesNotContain("RiskRadar", problem.ToJsonString(), StringComparison.Ordinal);
        await (await admin.PostAsJsonAsync("/v1/instruments", new
        {
            instrumentId = "FU.ON.FX",
            symbol = "FUFX",
            assetClass = "Fx",
            currency = "USD",
            priceScale = 1.0,
            kind = "Future",
            future = new { underlying = "EQ.AAA", expiry = "not a date", multiplier = 1.0 },
        })).ExpectProblemAsync(HttpStatusCode.BadRequest, "future.expiry");
        await (await admin.PostAsJsonAsync("/v1/instruments", new { instrumentId = "BD.X", symbol = "BDX", assetClass = "FixedIncome", currency = "USD", priceScale = 1.0, kind = "Bond" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "bond");
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
