using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace RiskRadar.IntegrationTests;

/// <summary>
/// The README's quick start, step by step, as a new user's client runs it: through the gateway only, on the whole
/// stack the AppHost starts. When the README changes, this test changes with it.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class ReadmeWalkthroughTests(LocalStackFixture stack)
{
    private static readonly string[] s_book = ["EQ.AAPL", "EQ.MSFT", "FX.EURUSD"];

    [Fact]
    public async Task The_quick_start_works_end_to_end_through_the_gateway()
    {
        using var client = stack.CreateGatewayClient();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        // Get a token for the local user dev.
        var token = await GatewayTests.LoginAsync(client, "dev", stack.DevPassword);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // A portfolio and its positions: two equities and an FX pair.
        var created = await ExpectAsync(await client.PostAsJsonAsync("/v1/portfolios", new { name = $"demo book {Guid.NewGuid():N}", baseCurrency = "USD" }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        await ExpectAsync(await client.PutAsJsonAsync($"/v1/portfolios/{id}/positions/EQ.AAPL", new { quantity = 100 }), HttpStatusCode.OK);
        await ExpectAsync(await client.PutAsJsonAsync($"/v1/portfolios/{id}/positions/EQ.MSFT", new { quantity = 50 }), HttpStatusCode.OK);
        await ExpectAsync(await client.PutAsJsonAsync($"/v1/portfolios/{id}/positions/FX.EURUSD", new { quantity = 250_000 }), HttpStatusCode.OK);

        // A 1-day 99 % VaR on demand from the daily scenario set of the bundled history, within 30 s of the stack being
        // healthy (at once when this test runs later in the collection).
        var daily = await DailyVarAsync(client, id, TimeSpan.FromSeconds(Math.Max(5, 30 - stack.SinceHealthy.Elapsed.TotalSeconds)), deadline.Token, stack);
        Assert.Equal("daily", daily["scenarioKind"]!.GetValue<string>());
        Assert.StartsWith("daily-", daily["scenarioSetId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(500, daily["scenarios"]!.GetValue<int>());
        Assert.True(daily["metrics"]!["var"]!.GetValue<double>() > 0, $"daily VaR: {daily}");
        Assert.Empty(daily["instrumentsWithoutHistory"]!.AsArray());

        // Options and bonds: the admin adds an AAPL call and a five-year bond to the master (already there on a second
        // run), and a book of them is valued on demand, every contract repriced under each day's moves of AAPL, its
        // volatility surface and the USD curve.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await CreateOnceAsync(client, new
        {
            instrumentId = "OP.AAPL.C200",
            symbol = "AAPL C200",
            assetClass = "Equity",
            currency = "USD",
            priceScale = 1,
            kind = "Option",
            option = new { underlying = "EQ.AAPL", right = "Call", strike = 200, expiry = today.AddMonths(3), multiplier = 100, dividendYield = 0.005 },
        });
        await CreateOnceAsync(client, new
        {
            instrumentId = "BD.UST.5Y",
            symbol = "UST 4 5Y",
            assetClass = "FixedIncome",
            currency = "USD",
            priceScale = 1,
            kind = "Bond",
            bond = new { face = 100, couponRate = 0.04, frequency = 2, dayCount = "ACT/ACT", maturity = today.AddYears(5) },
        });
        const string ContractBook =
            "\"positions\":[{\"instrument_id\":\"EQ.AAPL\",\"quantity\":1000},{\"instrument_id\":\"OP.AAPL.C200\",\"quantity\":-10},{\"instrument_id\":\"BD.UST.5Y\",\"quantity\":500}]";
        var contracts = await ExpectAsync(await client.PostAsync("/v1/risk/calculate", Json("{" + ContractBook + ""","metrics":["var","es","sensitivities","pnl_explain"]}""")), HttpStatusCode.OK);
        Assert.Equal("full", contracts["revaluation"]!.GetValue<string>());
        Assert.Equal(500, contracts["scenarios"]!.GetValue<int>());
        Assert.Empty(contracts["instrumentsWithoutHistory"]!.AsArray());
        Assert.True(contracts["metrics"]!["var"]!.GetValue<double>() > 0, $"VaR of the book with contracts: {contracts}");
        var aapl = Assert.Single(contracts["sensitivities"]!["underlyings"]!.AsArray())!;
        Assert.InRange(aapl["delta"]!.GetValue<double>(), 0.0, 1000.0);   // the short calls take some of the shares' delta away
        Assert.True(aapl["vega"]!.GetValue<double>() < 0 && aapl["gamma"]!.GetValue<double>() < 0, $"short calls: {aapl}");
        var usd = Assert.Single(contracts["sensitivities"]!["curves"]!.AsArray())!;
        Assert.True(usd["dv01"]!.GetValue<double>() > 0, $"a long bond loses when rates rise: {usd}");
        Assert.Equal(6, usd["keyRates"]!.AsArray().Count);
        Assert.NotNull(contracts["pnlExplained"]!["actual"]);
        var stressed = await ExpectAsync(await client.PostAsync("/v1/risk/stress", Json("{" + ContractBook + ""","scenarios":[{"named":"rates +100bp"},{"named":"vol +50%"}]}""")), HttpStatusCode.OK);
        Assert.All(stressed["scenarios"]!.AsArray(), x => Assert.True(x!["pnl"]!.GetValue<double>() < 0, $"long bonds and short calls lose: {x}"));

        // The USD curve, live: the simulator quotes each pillar as a rate, Ingestion publishes its zero-coupon price,
        // the StreamProcessor caches it and the Api turns it back into the rate.
        var curve = await PollAsync(client, "/v1/market/curves/USD", c => c["pillars"]!.AsArray().Count == 6 && c["pillars"]!.AsArray().All(p => p!["source"]!.GetValue<string>() == "live"), deadline.Token);
        Assert.Equal(["3M", "1Y", "2Y", "5Y", "10Y", "30Y"], curve["pillars"]!.AsArray().Select(p => p!["tenor"]!.GetValue<string>()));
        Assert.All(curve["pillars"]!.AsArray(), p => Assert.InRange(p!["zeroRate"]!.GetValue<double>(), 0.0, 0.10));

        // A live WebSocket, opened before the windows close so it sees the next aggregate.
        using var socket = new ClientWebSocket();
        var streamUri = new UriBuilder(client.BaseAddress!) { Scheme = "ws", Path = "/v1/stream/risk", Query = $"portfolio={id}&access_token={token}" }.Uri;
        await socket.ConnectAsync(streamUri, deadline.Token);
        var buffer = new byte[256 * 1024];
        var firstMessage = socket.ReceiveAsync(buffer, deadline.Token);

        // The latest streamed risk of both windows covers all three positions within a minute, with the 1-day VaR over
        // the same daily scenario set the on-demand answer named (the StreamProcessor's set, built from the same history).
        var setId = daily["scenarioSetId"]!.GetValue<string>();
        using (var withinAMinute = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token))
        {
            withinAMinute.CancelAfter(TimeSpan.FromSeconds(60));
            foreach (var window in new[] { "10s", "1m" })
            {
                var risk = await PollAsync(
                    client,
                    $"/v1/portfolios/{id}/risk?window={window}",
                    r => r["positions"]!.GetValue<int>() == s_book.Length && r["scenarioSetId"]?.GetValue<string>() == setId,
                    withinAMinute.Token);
                Assert.True(risk["var99"]!.GetValue<double>() > 0, $"streamed VaR of the {window} window: {risk}");
                Assert.Equal(500, risk["scenarios"]!.GetValue<int>());
                Assert.Empty(risk["instrumentsWithoutHistory"]!.AsArray());
                Assert.Equal(id, risk["portfolioId"]!.GetValue<string>());
                Assert.Equal(window, risk["window"]!.GetValue<string>());
                Assert.True(risk["marketValue"]!.GetValue<double>() > 0, $"market value of the {window} window: {risk}");
                Assert.True(risk["exposureByAssetClass"]!.AsObject().Count >= 2, $"exposures of the {window} window: {risk}");
            }

            // Its risk now, at the latest prices, from the same scenario set.
            var provisional = await PollAsync(
                client, $"/v1/portfolios/{id}/risk/provisional", r => r["positions"]!.GetValue<int>() == s_book.Length, withinAMinute.Token);
            Assert.Equal("provisional", provisional["kind"]!.GetValue<string>());
            Assert.Equal(setId, provisional["scenarioSetId"]!.GetValue<string>());
            Assert.True(provisional["var99"]!.GetValue<double>() > 0, $"provisional VaR: {provisional}");
            Assert.True(provisional["marketValue"]!.GetValue<double>() > 0, $"provisional market value: {provisional}");

            // Read, the book is watched (the Api registers it): its value now follows each tick between the refreshes,
            // which keep its VaR, so a figure can be newer than the prices behind its risk.
            var moved = await PollAsync(
                client,
                $"/v1/portfolios/{id}/risk/provisional",
                r => r["riskAsOf"] is { } riskAsOf && r["asOf"]!.GetValue<DateTimeOffset>() > riskAsOf.GetValue<DateTimeOffset>(),
                withinAMinute.Token);
            Assert.Equal(setId, moved["scenarioSetId"]!.GetValue<string>());
        }

        // An alert rule on the provisional figures, checked at the end (the StreamProcessor reads new rules within 30 s).
        await ExpectAsync(
            await client.PostAsJsonAsync("/v1/alerts/rules", new { portfolioId = id, metric = "var99", threshold = 1_000.0, window = "provisional", holdDownSeconds = 5 }),
            HttpStatusCode.Created);

        // A WebSocket message arrives and is this portfolio's aggregate.
        var received = await firstMessage;
        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        var pushed = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count))!;
        Assert.Equal(id, pushed["portfolioId"]!.GetValue<string>());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);

        // The history endpoint returns buckets once the time-series sink has stored a window.
        var history = await PollAsync(client, $"/v1/portfolios/{id}/risk/history?window=10s&interval=1m", h => h["buckets"]!.AsArray().Count > 0, deadline.Token);
        Assert.True(history["buckets"]![0]!["count"]!.GetValue<int>() >= 1);

        // A stored window explains itself: its holdings, prices, FX rates and scenario set as a calculate body that
        // gives back the window's VaR and ES exactly (the stream processor's figure, recomputed by the Api).
        var explained = await PollAsync(
            client, $"/v1/portfolios/{id}/risk/explain?window=10s",
            e => e["holdings"]!.AsArray().Count == s_book.Length && e["measures"]!["var99"] is not null, deadline.Token);
        var measures = explained["measures"]!;
        var calculation = explained["calculation"]!.AsObject();
        Assert.Equal(setId, calculation["scenarioSetId"]!.GetValue<string>());
        var recomputed = await ExpectAsync(
            await client.PostAsync("/v1/risk/calculate", new StringContent(calculation.ToJsonString(), Encoding.UTF8, "application/json")), HttpStatusCode.OK);
        Assert.Equal(measures["marketValue"]!.GetValue<double>(), recomputed["marketValue"]!.GetValue<double>());
        Assert.Equal(measures["var99"]!.GetValue<double>(), recomputed["metrics"]!["var"]!.GetValue<double>());
        Assert.Equal(measures["es99"]!.GetValue<double>(), recomputed["metrics"]!["es"]!.GetValue<double>());
        calculation["confidenceLevel"] = 0.975;
        var at975 = await ExpectAsync(
            await client.PostAsync("/v1/risk/calculate", new StringContent(calculation.ToJsonString(), Encoding.UTF8, "application/json")), HttpStatusCode.OK);
        Assert.Equal(measures["es975"]!.GetValue<double>(), at975["metrics"]!["es"]!.GetValue<double>());

        // An API key with the viewer role reads the portfolio and cannot change it.
        var key = await ExpectAsync(await client.PostAsJsonAsync("/auth/api-keys", new { name = "readme viewer", roles = new[] { "viewer" } }), HttpStatusCode.Created);
        using var machine = stack.CreateGatewayClient();
        machine.DefaultRequestHeaders.Add("X-Api-Key", key["key"]!.GetValue<string>());
        await ExpectAsync(await machine.GetAsync($"/v1/portfolios/{id}/risk"), HttpStatusCode.OK);
        var refused = await machine.PutAsJsonAsync($"/v1/portfolios/{id}/positions/EQ.AAPL", new { quantity = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var positions = await ExpectAsync(await client.GetAsync($"/v1/portfolios/{id}/positions"), HttpStatusCode.OK);
        Assert.Contains(positions["positions"]!.AsArray(), p => p!["instrumentId"]!.GetValue<string>() == "EQ.AAPL" && p["quantity"]!.GetValue<double>() == 100);

        // The provisional VaR (~11,000 USD) stayed above 1,000 for the hold-down: one breach, raised by the StreamProcessor.
        using var withinTwoMinutes = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var alerts = await PollAsync(
            client, $"/v1/alerts?portfolioId={id}", a => a.AsArray().Any(e => e!["window"]!.GetValue<string>() == "provisional"), withinTwoMinutes.Token);
        var raised = Assert.Single(alerts.AsArray(), e => e!["window"]!.GetValue<string>() == "provisional")!;
        Assert.Equal(("breach", "var99"), (raised["state"]!.GetValue<string>(), raised["metric"]!.GetValue<string>()));
        Assert.True(raised["value"]!.GetValue<double>() > 1_000, $"provisional alert: {raised}");
    }

    private static async Task<JsonNode> DailyVarAsync(HttpClient client, string id, TimeSpan within, CancellationToken cancellationToken, LocalStackFixture stack)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(within);
        var last = "";
        try
        {
            while (true)
            {
                var response = await client.PostAsJsonAsync("/v1/risk/calculate",
                    new { portfolio_id = id, metrics = new[] { "var", "cvar" }, confidence_level = 0.99, horizon = "1d" }, limit.Token);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(limit.Token)}";
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return JsonNode.Parse(last[4..])!;
                }

                // 422 "No daily history is stored yet" while Ingestion loads the bundled history; nothing else.
                Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"POST /v1/risk/calculate: {last}");
                await Task.Delay(250, limit.Token);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No daily VaR within {within.TotalSeconds:0} s; last answer: {last}{Environment.NewLine}"
                + $"Ingestion on history:{Environment.NewLine}{await stack.LogLinesAsync("ingestion", "history")}{Environment.NewLine}"
                + $"Api on scenario sets:{Environment.NewLine}{await stack.LogLinesAsync("api", "scenario")}");
            throw;
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task CreateOnceAsync<T>(HttpClient admin, T instrument)
    {
        var response = await admin.PostAsJsonAsync("/v1/instruments", instrument);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)status}, got {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Reads the path until it answers 200 with a body that satisfies <paramref name="done"/>; 404 means "not yet".</summary>
    private static async Task<JsonNode> PollAsync(HttpClient client, string path, Func<JsonNode, bool> done, CancellationToken cancellationToken)
    {
        string last = "";
        try
        {
            while (true)
            {
                var response = await client.GetAsync(path, cancellationToken);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"GET {path}: {last}");
                if (response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(last[4..]) is { } body && done(body))
                {
                    return body;
                }

                await Task.Delay(500, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"GET {path} did not answer as expected in time; last answer: {last}");
            throw;
        }
    }
}
