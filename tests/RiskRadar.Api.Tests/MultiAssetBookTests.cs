using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RiskRadar.Api.Tests;

/// <summary>
/// A book of a stock, two options on it, a future and a bond, valued on its curve and surface and revalued over the
/// daily scenario set through the gateway, against QuantLib and numpy (tests/fixtures/generate_multiasset_book_fixtures.py):
/// the instruments are created and their history imported through the Api, as an admin would.
/// </summary>
[Collection(ApiStackCollection.Name)]
public sealed class MultiAssetBookTests(ApiStack stack)
{
    private const double Rel = 1e-8;

    private static readonly JsonElement s_expected =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "multiasset_book_expected.json"))).RootElement.Clone();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Full_revaluation_VaR_values_and_sensitivities_are_what_QuantLib_computes(int caseIndex)
    {
        var setId = await SetUpAsync();
        var expected = s_expected.GetProperty("cases")[caseIndex];
        var baseCurrency = expected.GetProperty("baseCurrency").GetString()!;
        using var client = stack.Client(role: "analyst");

        var body = await CalculateAsync(client, baseCurrency, """ "metrics":["var","es","sensitivities","pnl_explain"] """);
        Assert.Equal(setId, body["scenarioSetId"]!.GetValue<string>());
        Assert.Equal("full", body["revaluation"]!.GetValue<string>());
        Assert.Equal(s_expected.GetProperty("lookback").GetInt32(), body["scenarios"]!.GetValue<int>());
        Assert.Equal(s_expected.GetProperty("scenariosFrom").GetString(), body["scenariosFrom"]!.GetValue<string>());
        Assert.Equal(s_expected.GetProperty("scenariosTo").GetString(), body["scenariosTo"]!.GetValue<string>());
        Assert.Empty(body["instrumentsWithoutHistory"]!.AsArray());
        Close(expected.GetProperty("value").GetDouble(), body["marketValue"]);
        foreach (var value in expected.GetProperty("positionValues").EnumerateObject())
        {
            var position = body["positions"]!.AsArray().Single(p => p!["instrumentId"]!.GetValue<string>() == value.Name)!;
            Close(value.Value.GetDouble(), position["exposure"], 1e-9);
        }

        var future = body["positions"]!.AsArray().Single(p => p!["kind"]!.GetValue<string>() == "Future")!;
        Close(s_expected.GetProperty("futureFairValue").GetDouble() * 10, future["localPrice"]);
        var bond = body["positions"]!.AsArray().Single(p => p!["kind"]!.GetValue<string>() == "Bond")!;
        Close(s_expected.GetProperty("bondDirtyValue").GetDouble(), bond["localPrice"]);

        AssertVarEs(expected.GetProperty("var_0_99"), body["metrics"]!);
        AssertVarEs(expected.GetProperty("var_0_95"), (await CalculateAsync(client, baseCurrency, """ "confidence_level":0.95 """))["metrics"]!);
        AssertVarEs(expected.GetProperty("var_0_99_10d"), (await CalculateAsync(client, baseCurrency, """ "horizon":"10d" """))["metrics"]!);

        var sensitivities = expected.GetProperty("sensitivities");
        var underlying = Assert.Single(body["sensitivities"]!["underlyings"]!.AsArray())!;
        Assert.Equal("EQ.XTSU", underlying["instrumentId"]!.GetValue<string>());
        foreach (var name in new[] { "delta", "cashDelta", "gamma", "cashGamma", "vega", "theta" })
        {
            Close(sensitivities.GetProperty(name).GetDouble(), underlying[name]);
        }

        var curve = Assert.Single(body["sensitivities"]!["curves"]!.AsArray())!;
        Assert.Equal("XTS", curve["curve"]!.GetValue<string>());
        Close(sensitivities.GetProperty("dv01").GetDouble(), curve["dv01"]);
        var keyRates = curve["keyRates"]!.AsArray();
        Assert.Equal(["3M", "1Y", "2Y", "5Y", "10Y"], keyRates.Select(k => k!["tenor"]!.GetValue<string>()));
        var expectedKeyRates = sensitivities.GetProperty("keyRateDv01").EnumerateArray().Select(k => k.GetDouble()).ToList();
        for (var p = 0; p < expectedKeyRates.Count; p++)
        {
            Assert.Equal(expectedKeyRates[p], keyRates[p]!["dv01"]!.GetValue<double>(), 1e-9 * Math.Abs(expectedKeyRates.Max()));
        }

        // The newest row's P&L, explained: the actual is the full revaluation QuantLib gives for that row.
        var explained = body["pnlExplained"]!;
        Assert.Equal(s_expected.GetProperty("scenariosTo").GetString(), explained["date"]!.GetValue<string>());
        Close(expected.GetProperty("pnl").EnumerateArray().Last().GetDouble(), explained["actual"], 1e-7);
        var parts = new[] { "delta", "gamma", "vega", "rates", "fx", "unexplained" }.Sum(p => explained[p]!.GetValue<double>());
        Assert.Equal(explained["actual"]!.GetValue<double>(), parts, 1e-6);
    }

    [Fact]
    public async Task Delta_gamma_is_asked_for_by_name_and_stays_near_full_revaluation_for_daily_moves()
    {
        await SetUpAsync();
        using var client = stack.Client(role: "analyst");
        var full = (await CalculateAsync(client, "XTS", """ "metrics":["var"] """))["metrics"]!["var"]!.GetValue<double>();
        var approximate = await CalculateAsync(client, "XTS", """ "metrics":["var"],"revaluation":"delta-gamma" """);
        Assert.Equal("delta-gamma", approximate["revaluation"]!.GetValue<string>());
        var var = approximate["metrics"]!["var"]!.GetValue<double>();
        Assert.NotEqual(full, var);
        Assert.InRange(var / full, 0.9, 1.1);
    }

    [Fact]
    public async Task What_cannot_be_valued_is_named_with_its_reason_and_what_does_not_apply_is_refused()
    {
        await SetUpAsync();
        using var client = stack.Client(role: "analyst");

        // Valued as of a later day, the call has expired: it is named with the reason, not silently dropped.
        var body = await (await client.PostAsync("/v1/risk/calculate", Http.Json("""
            {"positions":[{"instrumentId":"EQ.XTSU","quantity":100},{"instrumentId":"OP.XTSU.C55","quantity":1}],
             "base_currency":"XTS","valuation_date":"2027-03-01","lookback":250}
            """))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["OP.XTSU.C55"], body["instrumentsWithoutHistory"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Contains("expired on 2027-01-15", Assert.Single(body["excluded"]!.AsArray())!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(body["sensitivities"]); // asked for by default for a book holding contracts

        await ExpectRefusedAsync(client, """ "method":"parametric" """, "method");
        await ExpectRefusedAsync(client, """ "scenarios":"intraday","horizon":"1h" """, "scenarios");
        await ExpectRefusedAsync(client, """ "metrics":["var","volatility"] """, "metrics");
        await ExpectRefusedAsync(client, """ "revaluation":"exact" """, "revaluation", "full (the default) or delta-gamma");
        await ExpectRefusedAsync(client, """ "horizon":"10d","horizonMethod":"overlapping" """, "horizonMethod");

        // A curve pillar is market data, not a position.
        await (await client.PostAsync("/v1/risk/calculate", Http.Json("""
            {"positions":[{"instrumentId":"IR.XTS.5Y","quantity":1}],"base_currency":"XTS"}
            """))).ExpectProblemAsync(HttpStatusCode.BadRequest, "positions[0].instrumentId");
    }

    [Fact]
    public async Task Stress_scenarios_of_prices_surfaces_curves_currencies_and_history_are_what_QuantLib_reprices()
    {
        await SetUpAsync();
        var stress = s_expected.GetProperty("stress");
        var period = stress.GetProperty("period");
        var worst = stress.GetProperty("worst10");
        using var client = stack.Client(role: "analyst");
        var body = await StressAsync(client, "XTS", $$"""
            [{"name":"crash","shocks":[{"target":"asset_class","name":"Equity","kind":"relative","size":-0.2},
                                       {"target":"volatility","name":"all","kind":"absolute","size":0.05},
                                       {"target":"curve","name":"XTS","kind":"parallel","size":100}]},
             {"name":"twist","shocks":[{"target":"curve","name":"XTS","kind":"steepener","size":50},
                                       {"target":"curve","name":"all","kind":"key_rate","tenor":"5Y","size":25}]},
             {"name":"period","historical":{"from":"{{period.GetProperty("from").GetString()}}","to":"{{period.GetProperty("to").GetString()}}"} },
             {"name":"worst","historical":"worst","days":10}]
            """);
        var scenarios = body["scenarios"]!.AsArray();
        AssertStress(stress.GetProperty("crash").GetProperty("xts"), scenarios[0]!);
        AssertStress(stress.GetProperty("twist"), scenarios[1]!);
        AssertStress(period.GetProperty("pnl"), scenarios[2]!);
        AssertStress(worst.GetProperty("pnl"), scenarios[3]!);
        Assert.Equal(worst.GetProperty("from").GetString(), scenarios[3]!["from"]!.GetValue<string>());
        Assert.Equal(worst.GetProperty("to").GetString(), scenarios[3]!["to"]!.GetValue<string>());
        Close(s_expected.GetProperty("cases")[0].GetProperty("value").GetDouble(), body["marketValue"]);

        var usd = (await StressAsync(client, "USD", """
            [{"name":"crash","shocks":[{"target":"asset_class","name":"Equity","kind":"relative","size":-0.2},
                                       {"target":"volatility","name":"EQ.XTSU","kind":"absolute","size":0.05},
                                       {"target":"curve","name":"all","size":100}]},
             {"name":"XTS up","shocks":[{"target":"currency","name":"XTS","size":0.1}]}]
            """))["scenarios"]!.AsArray();
        AssertStress(stress.GetProperty("crash").GetProperty("usd"), usd[0]!);
        AssertStress(stress.GetProperty("xtsUp10"), usd[1]!);

        var problem = await (await client.PostAsync("/v1/risk/stress", Http.Json("""
            {"positions":[{"instrumentId":"BD.XTS.2031","quantity":1}],"base_currency":"XTS",
             "scenarios":[{"name":"bad","shocks":[{"target":"curve","name":"XTS","kind":"key_rate","size":10}]}]}
            """))).ExpectProblemAsync(HttpStatusCode.BadRequest, "scenarios[0].shocks[0]");
        Assert.Contains("tenor", problem["errors"]!["scenarios[0].shocks[0]"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_levels_and_a_valuation_date_value_a_book_of_contracts_and_a_contract_s_own_price_is_refused()
    {
        await SetUpAsync();
        using var client = stack.Client(role: "analyst");
        var baseline = await CalculateAsync(client, "XTS", """ "metrics":["var"] """);
        var spot = s_expected.GetProperty("spot").GetDouble();

        // The stock's level given at today's close: the same answer; moved, the book's value moves with it.
        var same = await CalculateAsync(client, "XTS", $$""" "metrics":["var"],"prices":{"EQ.XTSU":{{spot.ToString("R", CultureInfo.InvariantCulture)}}} """);
        Assert.Equal(baseline["metrics"]!["var"]!.GetValue<double>(), same["metrics"]!["var"]!.GetValue<double>());
        var moved = await CalculateAsync(client, "XTS", $$""" "metrics":["var"],"prices":{"EQ.XTSU":{{(spot * 1.1).ToString("R", CultureInfo.InvariantCulture)}}} """);
        Assert.NotEqual(baseline["marketValue"]!.GetValue<double>(), moved["marketValue"]!.GetValue<double>());

        var problem = await (await client.PostAsync("/v1/risk/calculate", Http.Json("""
            {"positions":[{"instrumentId":"OP.XTSU.C55","quantity":-1}],"base_currency":"XTS","prices":{"OP.XTSU.C55":5.0,"EQ.NOPE":1}}
            """))).ExpectProblemAsync(HttpStatusCode.BadRequest, "prices.OP.XTSU.C55");
        Assert.Contains("valued from its terms", problem["errors"]!["prices.OP.XTSU.C55"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("not an instrument the book is valued on", problem["errors"]!["prices.EQ.NOPE"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<JsonNode> StressAsync(HttpClient client, string baseCurrency, string scenarios)
    {
        var positions = string.Join(',', s_expected.GetProperty("positions").EnumerateObject()
            .Select(p => $$"""{"instrumentId":"{{p.Name}}","quantity":{{p.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture)}}}"""));
        return await (await client.PostAsync("/v1/risk/stress", Http.Json($$"""
            {"positions":[{{positions}}],"base_currency":"{{baseCurrency}}","valuation_date":"{{s_expected.GetProperty("valuationDate").GetString()}}",
             "scenarios":{{scenarios}}}
            """))).ExpectAsync(HttpStatusCode.OK);
    }

    private static void AssertStress(JsonElement expected, JsonNode scenario)
    {
        var positions = scenario["positions"]!.AsArray();
        var total = 0.0;
        foreach (var position in expected.EnumerateObject())
        {
            var actual = positions.Single(p => p!["instrumentId"]!.GetValue<string>() == position.Name)!;
            Close(position.Value.GetDouble(), actual["pnl"], 1e-7);
            total += position.Value.GetDouble();
        }

        Close(total, scenario["pnl"], 1e-7);
    }

    private static async Task ExpectRefusedAsync(HttpClient client, string extra, string field, string words = "options, futures or bonds")
    {
        var problem = await (await client.PostAsync("/v1/risk/calculate", Http.Json($$"""
            {"positions":[{"instrumentId":"OP.XTSU.C55","quantity":-1}],"base_currency":"XTS",{{extra}}}
            """))).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Contains(words, problem["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Creates the fixture's instruments (once per stack) and imports their history; returns the new scenario set's id.</summary>
    private async Task<string> SetUpAsync()
    {
        using var admin = stack.Client(role: "admin");
        foreach (var instrument in s_expected.GetProperty("instruments").EnumerateArray())
        {
            await CreateAsync(admin, instrument);
        }

        var csv = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "multiasset_book_history.csv"));
        var imported = await (await admin.PostAsync("/v1/admin/history/daily", new StringContent(csv, Encoding.UTF8, "text/csv"))).ExpectAsync(HttpStatusCode.OK);
        return imported["scenarioSetId"]!.GetValue<string>();
    }

    private static async Task CreateAsync<T>(HttpClient admin, T instrument)
    {
        var response = await admin.PostAsJsonAsync("/v1/instruments", instrument);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonNode> CalculateAsync(HttpClient client, string baseCurrency, string extra)
    {
        var positions = string.Join(',', s_expected.GetProperty("positions").EnumerateObject()
            .Select(p => $$"""{"instrumentId":"{{p.Name}}","quantity":{{p.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture)}}}"""));
        return await (await client.PostAsync("/v1/risk/calculate", Http.Json($$"""
            {"positions":[{{positions}}],"base_currency":"{{baseCurrency}}","lookback":{{s_expected.GetProperty("lookback").GetInt32()}},
             "valuation_date":"{{s_expected.GetProperty("valuationDate").GetString()}}",{{extra}}}
            """))).ExpectAsync(HttpStatusCode.OK);
    }

    private static void AssertVarEs(JsonElement expected, JsonNode metrics)
    {
        Close(expected[0].GetDouble(), metrics["var"]);
        Close(expected[1].GetDouble(), metrics["es"]);
    }

    private static void Close(double expected, JsonNode? actual, double rel = Rel)
    {
        Assert.NotNull(actual);
        var value = actual.GetValue<double>();
        Assert.True(Math.Abs(value - expected) <= rel * Math.Max(1.0, Math.Abs(expected)), $"expected {expected}, got {value}");
    }
}
