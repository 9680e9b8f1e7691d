using System.Globalization;
using System.Net;
using System.Text;
using RiskRadar.Contracts.Events;
using RiskRadar.TimeSeries;

namespace RiskRadar.Api.Tests;

/// <summary>
/// <c>GET …/risk/explain</c> serves a stored window's inputs as a calculate body, and calculate values a daily book at
/// given prices and FX rates. That the body reproduces the stream processor's VaR and ES exactly is shown end to end
/// (the README walk-through), where the window comes from the real engine.
/// </summary>
[Collection(ApiStackCollection.Name)]
public sealed class RiskExplainTests(ApiStack stack)
{
    private static readonly string s_history = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "daily_history.csv"));

    [Fact]
    public async Task Given_prices_and_rates_value_a_daily_book_instead_of_the_latest()
    {
        var setId = await ImportHistoryAsync();
        using var client = stack.Client(role: "analyst");
        const string Positions = """[{"instrumentId":"EQ.AAA","quantity":100},{"instrumentId":"EQ.CCC","quantity":50},{"instrumentId":"CR.BTCUSD","quantity":0.5}]""";
        var latest = await CalculateAsync(client, $$"""{"positions":{{Positions}},"scenarioSetId":"{{setId}}"}""");
        Assert.Empty(latest["instrumentsWithoutHistory"]!.AsArray());
        var valued = latest["positions"]!.AsArray().ToDictionary(p => p!["instrumentId"]!.GetValue<string>(), p => p!);
        double Price(string id) => valued[id]["localPrice"]!.GetValue<double>();
        var eur = valued["EQ.CCC"]["fxRate"]!.GetValue<double>();

        // The same prices given: the same answer. Twice the prices and the rate: exactly twice (scaling by 2 is exact).
        var same = await CalculateAsync(client, $$$"""
            {"positions":{{{Positions}}},"scenarioSetId":"{{{setId}}}","prices":{"EQ.AAA":{{{R(Price("EQ.AAA"))}}},"EQ.CCC":{{{R(Price("EQ.CCC"))}}},"CR.BTCUSD":{{{R(Price("CR.BTCUSD"))}}}},"fxRates":{"EUR":{{{R(eur)}}}}}
            """);
        Assert.Equal(latest["metrics"]!["var"]!.GetValue<double>(), same["metrics"]!["var"]!.GetValue<double>());
        var doubled = await CalculateAsync(client, $$$"""
            {"positions":{{{Positions}}},"scenarioSetId":"{{{setId}}}","prices":{"EQ.AAA":{{{R(2 * Price("EQ.AAA"))}}},"EQ.CCC":{{{R(Price("EQ.CCC"))}}},"CR.BTCUSD":{{{R(2 * Price("CR.BTCUSD"))}}}},"fx_rates":{"EUR":{{{R(2 * eur)}}}}}
            """);
        Assert.Equal(2 * latest["metrics"]!["var"]!.GetValue<double>(), doubled["metrics"]!["var"]!.GetValue<double>());
        Assert.Equal(2 * latest["marketValue"]!.GetValue<double>(), doubled["marketValue"]!.GetValue<double>());
    }

    [Fact]
    public async Task Prices_and_rates_a_calculation_cannot_use_are_refused_by_field()
    {
        await ImportHistoryAsync();
        using var client = stack.Client(role: "analyst");
        var body = """{"positions":[{"instrumentId":"EQ.AAA","quantity":1}],"prices":{"EQ.AAA":-1,"EQ.BBB":10},"fxRates":{"eur":1.1,"JPY":0}}""";
        var problem = await (await client.PostAsync("/v1/risk/calculate", Http.Json(body))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("positive", errors["prices.EQ.AAA"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("not one of the book's positions", errors["prices.EQ.BBB"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("three capital letters", errors["fxRates.eur"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("base-currency units per JPY", errors["fxRates.JPY"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        await (await client.PostAsync("/v1/risk/calculate", Http.Json(
                """{"positions":[{"instrumentId":"EQ.AAA","quantity":1}],"scenarios":"intraday","horizon":"1m","prices":{"EQ.AAA":10}}""")))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "prices");
    }

    [Fact]
    public async Task A_stored_window_is_explained_as_a_calculation_that_values_the_book_as_the_window_did()
    {
        var setId = await ImportHistoryAsync();
        using var writer = stack.Client();
        using var viewer = stack.Client(role: "viewer");
        using var analyst = stack.Client(role: "analyst");
        var (id, _) = await writer.CreatePortfolioAsync(Http.Unique("explain"));
        var end = new DateTimeOffset(2026, 11, 30, 14, 0, 10, TimeSpan.Zero);
        HoldingInput[] inputs = [new("CR.BTCUSD", "USD", 0.5, 61_000, 1), new("EQ.AAA", "USD", 100, 101.25, 1), new("EQ.CCC", "EUR", -50, 99.5, 0.6670860898)];
        var explained = Aggregate(id, end, setId, inputs);
        await new RiskHistoryWriter(stack.Database).WriteAsync(
            [explained, Aggregate(id, end.AddSeconds(-10), setId, inputs: null), Aggregate(id, end.AddSeconds(-20), setId, inputs)], []);

        // The newest window unless an end is named.
        var body = await (await viewer.GetAsync($"/v1/portfolios/{id}/risk/explain?window=10s")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(end, body["windowEnd"]!.GetValue<DateTimeOffset>());
        Assert.Equal(7, body["positionsVersion"]!.GetValue<long>());
        Assert.Equal(0.975, body["confidenceLevels"]!["es975"]!.GetValue<double>());
        var calculation = body["calculation"]!;
        Assert.Equal(setId, calculation["scenarioSetId"]!.GetValue<string>());
        Assert.Equal(500, calculation["lookback"]!.GetValue<int>()); // the stored set's
        Assert.Equal(0.6670860898, calculation["fxRates"]!["EUR"]!.GetValue<double>());
        Assert.Null(calculation["fxRates"]!["USD"]);
        Assert.Equal(99.5, calculation["prices"]!["EQ.CCC"]!.GetValue<double>());

        var recomputed = await (await analyst.PostAsync("/v1/risk/calculate", new StringContent(calculation.ToJsonString(), Encoding.UTF8, "application/json")))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((0.5 * 61_000 * 1.0) + (100 * 101.25 * 1.0) + (-50 * 99.5 * 0.6670860898), recomputed["marketValue"]!.GetValue<double>());
        Assert.Empty(recomputed["instrumentsWithoutHistory"]!.AsArray());
        Assert.Equal(setId, recomputed["scenarioSetId"]!.GetValue<string>());

        var at = Uri.EscapeDataString(end.AddSeconds(-10).ToString("O", CultureInfo.InvariantCulture));
        var old = await (await viewer.GetAsync($"/v1/portfolios/{id}/risk/explain?end={at}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("before windows recorded the holdings", old["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var missing = Uri.EscapeDataString(end.AddSeconds(5).ToString("O", CultureInfo.InvariantCulture));
        await (await viewer.GetAsync($"/v1/portfolios/{id}/risk/explain?end={missing}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await viewer.GetAsync($"/v1/portfolios/{id}/risk/explain?window=1m")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await viewer.GetAsync($"/v1/portfolios/{id}/risk/explain?window=5m")).ExpectProblemAsync(HttpStatusCode.BadRequest, "window");
        using var other = stack.Client(role: "admin", tenant: ApiStack.OtherTenant);
        await (await other.GetAsync($"/v1/portfolios/{id}/risk/explain")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    private static RiskAggregate Aggregate(string portfolioId, DateTimeOffset end, string setId, IReadOnlyList<HoldingInput>? inputs) => new(
        portfolioId, ApiStack.Tenant, "10s", end.AddSeconds(-10), end, "USD", 1_000_000, 100, 1_000_000, 1_000_000,
        new Dictionary<string, double> { ["Equity"] = 1_000_000 }, 500, 900, 700, 1_000, 1_100, 0.2, 1.1, 0.05,
        500, 2, [], end.AddSeconds(1), setId, 7, inputs);

    private async Task<string> ImportHistoryAsync()
    {
        using var admin = stack.Client(role: "admin");
        var imported = await (await admin.PostAsync("/v1/admin/history/daily", new StringContent(s_history, Encoding.UTF8, "text/csv")))
            .ExpectAsync(HttpStatusCode.OK);
        return imported["scenarioSetId"]!.GetValue<string>();
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> CalculateAsync(HttpClient client, string body) =>
        await (await client.PostAsync("/v1/risk/calculate", Http.Json(body))).ExpectAsync(HttpStatusCode.OK);

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
