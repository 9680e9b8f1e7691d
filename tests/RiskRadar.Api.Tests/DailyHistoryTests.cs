using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RiskRadar.Api.Tests;

/// <summary>
/// Daily history through the gateway: the admin import (all or nothing, line-numbered errors, idempotent), and
/// on-demand daily VaR on the scenario set built from it, against numpy (tests/fixtures/generate_daily_fixtures.py)
/// and against a recomputation here from the bars the store holds.
/// </summary>
[Collection(ApiStackCollection.Name)]
public sealed class DailyHistoryTests(ApiStack stack)
{
    private const double Rel = 1e-9;

    private static readonly string s_history = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "daily_history.csv"));

    private static readonly JsonElement s_expected =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "daily_expected.json"))).RootElement.Clone();

    public static TheoryData<string> Cases { get; } = [.. s_expected.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Fact]
    public async Task A_file_with_good_and_bad_lines_imports_nothing_and_lists_every_error()
    {
        using var admin = stack.Client(role: "admin");
        var csv = """
            date,instrument,close,open,high,low
            2020-01-02,EQ.NOBARS,10,,,
            2020-01-03,EQ.NOBARS,"1,000.5",,,
            not-a-date,EQ.NOBARS,10,,,
            2020-01-06,EQ.NOPE,10,,,
            2020-01-07,EQ.NOBARS,0,,,
            2020-01-08,EQ.NOBARS,-3,,,
            2020-01-02,EQ.NOBARS,11,,,
            2020-01-09,EQ.NOBARS,ten,,,
            2020-01-10,EQ.NOBARS,10,9,9.5,8
            2020-01-13,EQ.NOBARS,10
            2999-01-01,EQ.NOBARS,10,,,
            """;
        var body = await (await admin.PostAsync("/v1/admin/history/daily", Csv(csv))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var errors = body["errors"]!.AsObject();
        Assert.Contains("not a date", Message(errors, "line 4.date"), StringComparison.Ordinal);
        Assert.Contains("Unknown instrument 'EQ.NOPE'", Message(errors, "line 5.instrument"), StringComparison.Ordinal);
        Assert.Contains("must be positive", Message(errors, "line 6.close"), StringComparison.Ordinal);
        Assert.Contains("must be positive", Message(errors, "line 7.close"), StringComparison.Ordinal);
        Assert.Contains("already given on line 2", Message(errors, "line 8"), StringComparison.Ordinal);
        Assert.Contains("not a number", Message(errors, "line 9.close"), StringComparison.Ordinal);
        Assert.Contains("high is below", Message(errors, "line 10"), StringComparison.Ordinal);
        Assert.Contains("Expected 6 comma-separated values, found 3", Message(errors, "line 11"), StringComparison.Ordinal);
        Assert.Contains("in the future", Message(errors, "line 12.date"), StringComparison.Ordinal);
        Assert.Equal(9, errors.Count); // lines 2 and 3 (a quoted "1,000.5") are good
        Assert.Equal(0, await StoredBarsAsync("EQ.NOBARS"));
    }

    [Fact]
    public async Task The_wide_layout_imports_and_a_re_import_replaces_the_same_days()
    {
        using var admin = stack.Client(role: "admin");
        const string Wide = "date,EQ.NOBARS\n2020-02-03,10\n2020-02-04,\n2020-02-05,10.5\n";
        var first = await (await admin.PostAsync("/v1/admin/history/daily", Csv(Wide))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, first["bars"]!.GetValue<int>());
        var again = await (await admin.PostAsync("/v1/admin/history/daily", Csv(Wide.Replace("10.5", "11", StringComparison.Ordinal)))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, again["inserted"]!.GetValue<int>());
        Assert.Equal(2, again["replaced"]!.GetValue<int>());
        var stored = await (await admin.GetAsync("/v1/market/history/daily/EQ.NOBARS?from=2020-02-01&to=2020-02-29")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([10.0, 11.0], stored["bars"]!.AsArray().Select(b => b!["close"]!.GetValue<double>()));

        // Daily history stays an admin's to change.
        using var analyst = stack.Client(role: "analyst");
        await (await analyst.PostAsync("/v1/admin/history/daily", Csv(Wide))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.PostAsync("/v1/admin/history/daily", Http.Json("{}"))).ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Daily_VaR_through_the_gateway_is_what_numpy_computes(string name)
    {
        var setId = await ImportFixtureAsync();
        var expected = Case(name);
        using var client = stack.Client(role: "analyst");

        var body = await CalculateAsync(client, expected, """ "metrics":["var","es","volatility","stressed_var","stressed_es"] """);
        Assert.Equal("daily", body["scenarioKind"]!.GetValue<string>());
        Assert.Equal(setId, body["scenarioSetId"]!.GetValue<string>());
        Assert.Equal(expected.GetProperty("scenarios").GetInt32(), body["scenarios"]!.GetValue<int>());
        Assert.Equal(expected.GetProperty("from").GetString(), body["scenariosFrom"]!.GetValue<string>());
        Assert.Equal(expected.GetProperty("to").GetString(), body["scenariosTo"]!.GetValue<string>());
        Assert.Equal(expected.GetProperty("withoutHistory").EnumerateArray().Select(x => x.GetString()), body["instrumentsWithoutHistory"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal(expected.GetProperty("periods_per_year").GetInt32(), body["periodsPerYear"]!.GetValue<int>());
        AssertVarEs(expected.GetProperty("historical_0.99"), body["metrics"]!);
        AssertClose(expected.GetProperty("volatility").GetDouble(), body["metrics"]!["volatility"]);
        var stressed = expected.GetProperty("stressed");
        if (stressed.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(body["stressed"]);
            Assert.Null(body["metrics"]!["stressedVar"]);
        }
        else
        {
            Assert.Equal(stressed.GetProperty("from").GetString(), body["stressed"]!["from"]!.GetValue<string>());
            Assert.Equal(stressed.GetProperty("to").GetString(), body["stressed"]!["to"]!.GetValue<string>());
            AssertClose(stressed.GetProperty("historical_0.99")[0].GetDouble(), body["metrics"]!["stressedVar"]);
            AssertClose(stressed.GetProperty("historical_0.99")[1].GetDouble(), body["metrics"]!["stressedEs"]);
        }

        AssertVarEs(expected.GetProperty("historical_0.975"), (await CalculateAsync(client, expected, """ "confidence_level":0.975 """))["metrics"]!);
        AssertVarEs(expected.GetProperty("historical_0.99_10d_sqrt"), (await CalculateAsync(client, expected, """ "horizon":"10d" """))["metrics"]!);
        var overlapping = await CalculateAsync(client, expected, """ "horizon":"10d","horizonMethod":"overlapping" """);
        Assert.Equal(expected.GetProperty("overlapping_scenarios").GetInt32(), overlapping["scenarios"]!.GetValue<int>());
        AssertVarEs(expected.GetProperty("historical_0.99_10d_overlapping"), overlapping["metrics"]!);
        if (expected.GetProperty("included").GetArrayLength() > 1)
        {
            var parametric = await CalculateAsync(client, expected, """ "method":"parametric" """);
            AssertClose(expected.GetProperty("parametric_0.99_1d")[0].GetDouble(), parametric["metrics"]!["var"], 1e-8);
        }
    }

    [Fact]
    public async Task The_on_demand_VaR_is_a_recomputation_from_the_stored_bars_and_its_set_id_reproduces_it()
    {
        var setId = await ImportFixtureAsync();
        using var client = stack.Client(role: "analyst");
        var expected = Case("mixed");
        var body = await CalculateAsync(client, expected, $$""" "scenarioSetId":"{{setId}}" """);
        var again = await CalculateAsync(client, expected, "");
        Assert.Equal(body["metrics"]!["var"]!.GetValue<double>(), again["metrics"]!["var"]!.GetValue<double>());

        // By hand from the stored bars: carry a close forward at most 5 days, take the rows on which any held
        // instrument has a close, the newest 500, the EUR instrument compounded with EURUSD, the 99 % linear quantile.
        var positions = expected.GetProperty("positions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var closes = await StoredClosesAsync([.. positions.Keys]);
        var dates = closes.Values.SelectMany(c => c.Keys).Distinct().Order().ToList();
        double Filled(string id, int t)
        {
            for (var k = t; k >= 0 && dates[t].DayNumber - dates[k].DayNumber <= 5; k--)
            {
                if (closes[id].TryGetValue(dates[k], out var close))
                {
                    return close;
                }
            }

            return double.NaN;
        }

        var last = positions.Keys.ToDictionary(id => id, id => closes[id][closes[id].Keys.Max()]);
        var pnl = new List<double>();
        for (var t = dates.Count - 1; t > 0 && pnl.Count < 500; t--)
        {
            if (!positions.Keys.Any(id => closes[id].ContainsKey(dates[t])))
            {
                continue;
            }

            var scenario = 0.0;
            foreach (var (id, quantity) in positions)
            {
                var gross = Filled(id, t) / Filled(id, t - 1);
                var fx = 1.0;
                if (id == "EQ.CCC")
                {
                    gross *= Filled("FX.EURUSD", t) / Filled("FX.EURUSD", t - 1);
                    fx = last["FX.EURUSD"];
                }

                scenario += quantity * last[id] * fx * (gross - 1);
            }

            pnl.Add(scenario);
        }

        var losses = pnl.Select(p => -p).Order().ToArray();
        var h = (losses.Length - 1) * 0.99;
        var lo = (int)Math.Floor(h);
        var valueAtRisk = losses[lo] + ((h - lo) * (losses[lo + 1] - losses[lo]));
        AssertClose(valueAtRisk, body["metrics"]!["var"]);
        await (await client.PostAsync("/v1/risk/calculate", Http.Json("""{"positions":[{"instrumentId":"EQ.AAA","quantity":1}],"scenarioSetId":"daily-nope"}""")))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "scenarioSetId");
    }

    [Fact]
    public async Task A_daily_backtest_of_a_stored_book_is_what_numpy_and_scipy_compute()
    {
        await ImportFixtureAsync();
        var expected = Case("mixed");
        using var client = stack.Client();
        var (id, _) = await client.CreatePortfolioAsync(Http.Unique("daily-backtest"));
        var positions = string.Join(',', expected.GetProperty("positions").EnumerateObject()
            .Select(p => $$"""{"instrumentId":"{{p.Name}}","quantity":{{p.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture)}}}"""));
        await (await client.PostAsync($"/v1/portfolios/{id}/positions", Http.Json($$"""{"positions":[{{positions}}]}"""))).ExpectAsync(HttpStatusCode.OK);

        foreach (var test in expected.GetProperty("backtest").EnumerateArray())
        {
            var confidence = test.GetProperty("confidence").GetDouble().ToString("R", CultureInfo.InvariantCulture);
            var body = await (await client.GetAsync($"/v1/portfolios/{id}/backtest?confidence={confidence}&window=250&lookback=500"))
                .ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("daily", body["scenarioKind"]!.GetValue<string>());
            Assert.Equal(test.GetProperty("observations").GetInt32(), body["observations"]!.GetValue<int>());
            Assert.Equal(test.GetProperty("failures").GetInt32(), body["failures"]!.GetValue<int>());
            AssertClose(test.GetProperty("expectedFailures").GetDouble(), body["expectedFailures"]);
            AssertClose(test.GetProperty("kupiecPValue").GetDouble(), body["kupiecPValue"], 1e-7);
            AssertClose(test.GetProperty("independencePValue").GetDouble(), body["independencePValue"], 1e-7);
            AssertClose(test.GetProperty("conditionalCoveragePValue").GetDouble(), body["conditionalCoveragePValue"], 1e-7);
            Assert.Equal(test.GetProperty("zone").GetString(), body["trafficLight"]!.GetValue<string>());
            Assert.Equal(await CurrentSetIdAsync(client), body["scenarioSetId"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Daily_scenarios_refuse_intraday_horizons_with_words_a_client_can_act_on()
    {
        await ImportFixtureAsync();
        using var client = stack.Client(role: "analyst");
        var problem = await (await client.PostAsync("/v1/risk/calculate", Http.Json("""{"positions":[{"instrumentId":"EQ.AAA","quantity":1}],"horizon":"10m"}""")))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "horizon");
        Assert.Contains("scenarios: intraday", problem["errors"]!["horizon"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await (await client.PostAsync("/v1/risk/calculate", Http.Json("""{"positions":[{"instrumentId":"EQ.AAA","quantity":1}],"horizonMethod":"cubic"}""")))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "horizonMethod");
        var set = await (await client.GetAsync("/v1/risk/scenario-sets/current")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2026-10-30", set["asOf"]!.GetValue<string>());
    }

    [Fact]
    public async Task Named_currency_and_historical_stress_scenarios_move_today_s_book_as_the_history_did()
    {
        await ImportFixtureAsync();
        using var client = stack.Client(role: "analyst");
        var closes = FixtureCloses();
        var last = closes.ToDictionary(c => c.Key, c => c.Value[c.Value.Keys.Max()]);
        var body = await (await client.PostAsync("/v1/risk/stress", Http.Json("""
            {"positions":[{"instrumentId":"EQ.AAA","quantity":100},{"instrumentId":"EQ.CCC","quantity":200}],
             "scenarios":[{"named":"usd +10%"},
                          {"name":"both","shocks":[{"target":"asset_class","name":"Equity","size":-0.2},{"target":"currency","name":"EUR","size":0.05}]},
                          {"name":"spring 2026","historical":{"from":"2026-03-02","to":"2026-05-29"}}]}
            """))).ExpectAsync(HttpStatusCode.OK);
        var aaa = 100 * last["EQ.AAA"];
        var ccc = 200 * last["EQ.CCC"] * last["FX.EURUSD"];
        var scenarios = body["scenarios"]!.AsArray();
        AssertClose(ccc * ((1 / 1.1) - 1), scenarios[0]!["pnl"]);
        AssertClose((aaa * -0.2) + (ccc * ((0.8 * 1.05) - 1)), scenarios[1]!["pnl"]);
        DateOnly from = new(2026, 3, 2), to = new(2026, 5, 29);
        var move = (aaa * ((closes["EQ.AAA"][to] / closes["EQ.AAA"][from]) - 1))
            + (ccc * ((closes["EQ.CCC"][to] * closes["FX.EURUSD"][to] / (closes["EQ.CCC"][from] * closes["FX.EURUSD"][from])) - 1));
        AssertClose(move, scenarios[2]!["pnl"]);
        Assert.Equal("2026-03-02", scenarios[2]!["from"]!.GetValue<string>());

        // The worst ten days of a crypto book (it trades every day): the lowest ten-day return of its closes (from the
        // second close on: the first is the base of the set's first return).
        var btc = closes["CR.BTCUSD"].OrderBy(c => c.Key).Select(c => c.Value).ToArray();
        var worst = Enumerable.Range(1, btc.Length - 11).Select(t => (Move: (btc[t + 10] / btc[t]) - 1, t)).MinBy(x => x.Move);
        var crash = await (await client.PostAsync("/v1/risk/stress", Http.Json("""
            {"positions":[{"instrumentId":"CR.BTCUSD","quantity":2}],"scenarios":[{"name":"worst","historical":"worst","days":10}]}
            """))).ExpectAsync(HttpStatusCode.OK);
        AssertClose(2 * last["CR.BTCUSD"] * worst.Move, crash["scenarios"]![0]!["pnl"]);
        Assert.Equal(closes["CR.BTCUSD"].Keys.Order().ElementAt(worst.t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), crash["scenarios"]![0]!["from"]!.GetValue<string>());

        var unknown = await (await client.PostAsync("/v1/risk/stress", Http.Json("""
            {"positions":[{"instrumentId":"EQ.AAA","quantity":1}],"scenarios":[{"named":"martians"},{"name":"x","historical":"best"}]}
            """))).ExpectProblemAsync(HttpStatusCode.BadRequest, "scenarios[0].named");
        Assert.Contains("equity -20%", unknown["errors"]!["scenarios[0].named"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(unknown["errors"]!["scenarios[1].historical"]);
        var library = await (await client.GetAsync("/v1/risk/stress/library")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(library.AsArray(), l => l!["name"]!.GetValue<string>() == "USD +10%");
    }

    [Fact]
    public async Task The_cli_imports_a_file_through_the_gateway_and_prints_the_server_s_line_errors()
    {
        var good = Path.Combine(AppContext.BaseDirectory, "fixtures", "daily_history.csv");
        var bad = Path.GetTempFileName();
        await File.WriteAllTextAsync(bad, "date,instrument,close\n2020-03-02,EQ.NOBARS,10\n2020-03-03,EQ.NOBARS,-1\n");
        try
        {
            var gateway = stack.Gateway.BaseAddress.ToString();
            var admin = stack.Token("admin", ApiStack.Tenant);
            var (code, output, error) = Cli("history", "import", good, "--url", gateway, "--token", admin);
            Assert.True(code == 0, error);
            Assert.Matches(@"^imported 2701 bars of 5 instruments, 2024-08-22 to 2026-10-30: \d+ new, \d+ replaced; scenario set daily-20261030-", output);

            (code, _, error) = Cli("history", "import", bad, "--url", gateway, "--token", admin);
            Assert.Equal(2, code);
            Assert.Contains("nothing imported", error, StringComparison.Ordinal);
            Assert.Contains("line 3.close: A price must be positive; got -1.", error, StringComparison.Ordinal);
            Assert.Equal(0, await StoredBarsAsync("EQ.NOBARS"));

            (code, _, error) = Cli("history", "import", good, "--url", gateway, "--token", stack.Token("analyst", ApiStack.Tenant));
            Assert.Equal(1, code);
            Assert.Contains("403", error, StringComparison.Ordinal);
            Assert.DoesNotContain(admin, error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    private static (int Code, string Output, string Error) Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = RiskRadar.Cli.CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static Dictionary<string, Dictionary<DateOnly, double>> FixtureCloses()
    {
        var closes = new Dictionary<string, Dictionary<DateOnly, double>>(StringComparer.Ordinal);
        foreach (var line in s_history.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var cells = line.Split(',');
            if (!closes.TryGetValue(cells[1], out var series))
            {
                closes[cells[1]] = series = [];
            }

            series[DateOnly.ParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture)] = double.Parse(cells[2], CultureInfo.InvariantCulture);
        }

        return closes;
    }

    private async Task<string> ImportFixtureAsync()
    {
        using var admin = stack.Client(role: "admin");
        var imported = await (await admin.PostAsync("/v1/admin/history/daily", Csv(s_history))).ExpectAsync(HttpStatusCode.OK);
        return imported["scenarioSetId"]!.GetValue<string>();
    }

    private static async Task<string> CurrentSetIdAsync(HttpClient client) =>
        (await (await client.GetAsync("/v1/risk/scenario-sets/current")).ExpectAsync(HttpStatusCode.OK))["id"]!.GetValue<string>();

    private static async Task<JsonNode> CalculateAsync(HttpClient client, JsonElement expected, string extra)
    {
        var positions = string.Join(',', expected.GetProperty("positions").EnumerateObject()
            .Select(p => $$"""{"instrumentId":"{{p.Name}}","quantity":{{p.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture)}}}"""));
        var more = string.IsNullOrWhiteSpace(extra) ? "" : "," + extra;
        return await (await client.PostAsync("/v1/risk/calculate", Http.Json($$"""
            {"positions":[{{positions}}],"lookback":{{expected.GetProperty("lookback").GetInt32()}}{{more}}}
            """))).ExpectAsync(HttpStatusCode.OK);
    }

    private async Task<int> StoredBarsAsync(string instrumentId)
    {
        await using var command = stack.Database.CreateCommand("select count(*) from instrument_daily_bars where instrument_id = $1 and day < '2020-02-01'");
        command.Parameters.Add(new() { Value = instrumentId });
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task<Dictionary<string, Dictionary<DateOnly, double>>> StoredClosesAsync(IReadOnlyList<string> ids)
    {
        var closes = ids.Append("FX.EURUSD").Distinct().ToDictionary(id => id, _ => new Dictionary<DateOnly, double>());
        await using var command = stack.Database.CreateCommand("select instrument_id, day, close from instrument_daily_bars where instrument_id = any($1)");
        command.Parameters.Add(new() { Value = closes.Keys.ToArray() });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            closes[reader.GetString(0)][reader.GetFieldValue<DateOnly>(1)] = reader.GetDouble(2);
        }

        return closes;
    }

    private static JsonElement Case(string name) => s_expected.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static string Message(JsonObject errors, string field)
    {
        Assert.True(errors.ContainsKey(field), $"errors do not name '{field}': {errors.ToJsonString()}");
        return string.Join(" ", errors[field]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    private static void AssertVarEs(JsonElement expected, JsonNode metrics)
    {
        AssertClose(expected[0].GetDouble(), metrics["var"]);
        AssertClose(expected[1].GetDouble(), metrics["es"]);
    }

    private static void AssertClose(double expected, JsonNode? actual, double relative = Rel)
    {
        Assert.NotNull(actual);
        var value = actual.GetValue<double>();
        Assert.True(Math.Abs(value - expected) <= relative * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {value:R}");
    }
}
