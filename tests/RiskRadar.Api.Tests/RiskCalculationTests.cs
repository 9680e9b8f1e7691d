using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RiskRadar.Analytics.Backtesting;
using RiskRadar.Analytics.Optimisation;
using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;

namespace RiskRadar.Api.Tests;

/// <summary>
/// On-demand risk through the gateway equals the analytics library on the same inputs: the stored bars, converted to
/// the base currency and valued at the last close, recomputed here from <see cref="MarketHistory"/>.
/// </summary>
[Collection(ApiStackCollection.Name)]
public sealed class RiskCalculationTests(ApiStack stack)
{
    private const int Lookback = 300;

    private static readonly string[] s_instruments = ["EQ.AAA", "EQ.BBB", "EQ.CCC", "CR.BTCUSD"];
    private static readonly double[] s_quantities = [100, -50, 200, 0.5];
    private static readonly Dictionary<string, string> s_currencies = new() { ["EQ.AAA"] = "USD", ["EQ.BBB"] = "USD", ["EQ.CCC"] = "EUR", ["CR.BTCUSD"] = "USD" };

    public static TheoryData<string, double, string, int> Cases => new()
    {
        { "historical", 0.99, "1m", 1 },
        { "historical", 0.975, "10m", 10 },
        { "parametric", 0.99, "1h", 60 },
        { "ewma", 0.95, "1m", 1 },
        { "cornish-fisher", 0.99, "5m", 5 },
        { "monte-carlo", 0.99, "1m", 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Inline_positions_give_what_the_analytics_library_gives(string method, double confidence, string horizon, int horizonBars)
    {
        using var client = stack.Client(role: "analyst");
        var body = await (await client.PostAsync("/v1/risk/calculate", Http.Json($$"""
            {
              "positions": [{{string.Join(',', s_instruments.Select((id, i) => $$"""{"instrument_id":"{{id}}","quantity":{{s_quantities[i]}}}"""))}}],
              "metrics": ["var", "cvar", "volatility", "sharpe", "sortino", "max_drawdown", "component_var"],
              "confidence_level": {{confidence}},
              "horizon": "{{horizon}}",
              "method": "{{method}}",
              "lookback": {{Lookback}},
              "scenarios": "intraday"
            }
            """))).ExpectAsync(HttpStatusCode.OK);

        var (returns, exposures) = Expected();
        var options = new RiskOptions(confidence, horizonBars);
        var expected = method switch
        {
            "historical" => HistoricalVar.Compute(returns, exposures, options),
            "parametric" => Of(ParametricVar.FromReturns(returns, exposures, options)),
            "ewma" => Of(EwmaVar.Compute(returns, exposures, options)),
            "cornish-fisher" => CornishFisherVar.Compute(returns, exposures, options),
            _ => MonteCarloVar.Compute(returns, exposures, options, 10_000),
        };
        // The API annualises like the pipeline: 252 sessions of 6.5 h, in one-minute bars.
        var ratios = PerformanceRatios.ForPortfolio(returns, exposures, 0.0, 252 * 390);
        var components = ParametricVar.FromReturns(returns, exposures, options).ComponentVar;

        Assert.Equal(Lookback, body["scenarios"]!.GetValue<int>());
        Assert.Equal(horizonBars, body["horizonBars"]!.GetValue<int>());
        AssertClose(exposures.Sum(), body["marketValue"]);
        var metrics = body["metrics"]!;
        AssertClose(expected.ValueAtRisk, metrics["var"]);
        AssertClose(expected.ExpectedShortfall, metrics["es"]);
        AssertClose(ratios.Volatility, metrics["volatility"]);
        AssertClose(ratios.Sharpe, metrics["sharpe"]);
        AssertClose(ratios.Sortino, metrics["sortino"]);
        AssertClose(ratios.MaxDrawdown, metrics["maxDrawdown"]);
        for (var i = 0; i < s_instruments.Length; i++)
        {
            AssertClose(components[i], metrics["componentVar"]![s_instruments[i]]);
        }
    }

    [Fact]
    public async Task A_stored_portfolio_gives_the_same_as_its_positions_inline_and_only_the_metrics_asked()
    {
        using var client = stack.Client();
        var (id, _) = await client.CreatePortfolioAsync(Http.Unique("calc"));
        var upload = string.Join(',', s_instruments.Select((instrument, i) => $$"""{"instrumentId":"{{instrument}}","quantity":{{s_quantities[i]}}}"""));
        await (await client.PostAsync($"/v1/portfolios/{id}/positions", Http.Json($$"""{"positions":[{{upload}}]}"""))).ExpectAsync(HttpStatusCode.OK);

        var body = await (await client.PostAsync("/v1/risk/calculate", Http.Json($$"""{"portfolio_id":"{{id}}","metrics":["var"],"lookback":{{Lookback}},"scenarios":"intraday"}""")))
            .ExpectAsync(HttpStatusCode.OK);

        var (returns, exposures) = Expected();
        AssertClose(HistoricalVar.Compute(returns, exposures, new RiskOptions(0.99, 390)).ValueAtRisk, body["metrics"]!["var"]);
        Assert.Null(body["metrics"]!["es"]);
        Assert.Equal("1d", body["horizon"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_position_without_history_is_reported_and_left_out()
    {
        using var client = stack.Client(role: "analyst");
        var body = await (await client.PostAsync("/v1/risk/calculate", Http.Json("""
            {"positions":[{"instrumentId":"EQ.AAA","quantity":10},{"instrumentId":"EQ.NOBARS","quantity":10}],"horizon":"1m","lookback":300,"scenarios":"intraday"}
            """))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["EQ.NOBARS"], body["instrumentsWithoutHistory"]!.AsArray().Select(n => n!.GetValue<string>()));
        var returns = MarketHistory.UsdReturns(["EQ.AAA"], s_currencies, Lookback);
        AssertClose(HistoricalVar.Compute(returns, [10 * MarketHistory.LastClose("EQ.AAA")], new RiskOptions(0.99)).ValueAtRisk, body["metrics"]!["var"]);
    }

    [Fact]
    public async Task Only_unpriced_positions_are_unprocessable()
    {
        using var client = stack.Client(role: "analyst");
        await (await client.PostAsync("/v1/risk/calculate", Http.Json("""{"positions":[{"instrumentId":"EQ.NOBARS","quantity":10}],"scenarios":"intraday"}""")))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_stress_scenario_moves_prices_by_instrument_before_asset_class()
    {
        using var client = stack.Client(role: "analyst");
        var body = await (await client.PostAsync("/v1/risk/stress", Http.Json("""
            {
              "positions": [{"instrumentId":"EQ.AAA","quantity":100},{"instrumentId":"EQ.BBB","quantity":-50},{"instrumentId":"CR.BTCUSD","quantity":0.5}],
              "prices": "intraday",
              "scenarios": [{"name":"equity crash","shocks":[{"target":"asset_class","name":"Equity","kind":"relative","size":-0.2},
                                                           {"target":"instrument","name":"EQ.BBB","kind":"relative","size":-0.5}]}]
            }
            """))).ExpectAsync(HttpStatusCode.OK);

        var aaa = 100 * MarketHistory.LastClose("EQ.AAA");
        var bbb = -50 * MarketHistory.LastClose("EQ.BBB");
        var scenario = body["scenarios"]![0]!;
        AssertClose((aaa * -0.2) + (bbb * -0.5), scenario["pnl"]); // the crypto position is not shocked
    }

    [Fact]
    public async Task A_backtest_and_an_optimisation_agree_with_the_library()
    {
        using var client = stack.Client();
        var (id, _) = await client.CreatePortfolioAsync(Http.Unique("analysis"));
        var upload = string.Join(',', s_instruments.Select((instrument, i) => $$"""{"instrumentId":"{{instrument}}","quantity":{{Math.Abs(s_quantities[i])}}}"""));
        await (await client.PostAsync($"/v1/portfolios/{id}/positions", Http.Json($$"""{"positions":[{{upload}}]}"""))).ExpectAsync(HttpStatusCode.OK);
        var (returns, exposures) = Expected(absolute: true, lookback: 350);

        var backtest = await (await client.GetAsync($"/v1/portfolios/{id}/backtest?confidence=0.95&window=250&lookback=350&scenarios=intraday")).ExpectAsync(HttpStatusCode.OK);
        var pnl = PortfolioPnl.FromReturns(returns, exposures);
        var var95 = Enumerable.Range(0, 100).Select(t => HistoricalVar.FromPnl(pnl.AsSpan(t, 250), new RiskOptions(0.95)).ValueAtRisk).ToArray();
        var expected = VarBacktest.Run(pnl.Skip(250).Select(p => -p).ToArray(), var95, 0.95);
        Assert.Equal(expected.Failures, backtest["failures"]!.GetValue<int>());
        Assert.Equal(100, backtest["observations"]!.GetValue<int>());
        AssertClose(expected.ProportionOfFailures.PValue, backtest["kupiecPValue"]);
        var days = backtest["days"]!.AsArray();
        Assert.Equal(100, days.Count);
        for (var t = 0; t < days.Count; t++)
        {
            AssertClose(-pnl[t + 250], days[t]!["loss"]);
            AssertClose(var95[t], days[t]!["valueAtRisk"]);
            Assert.Equal(-pnl[t + 250] > var95[t], days[t]!["exception"]!.GetValue<bool>());
            Assert.Null(days[t]!["date"]); // intraday bars have no day
        }

        Assert.Equal(expected.Failures, days.Count(d => d!["exception"]!.GetValue<bool>()));

        var optimized = await (await client.PostAsync($"/v1/portfolios/{id}/optimize", Http.Json("""{"objective":"min_variance","lookback":350,"scenarios":"intraday"}""")))
            .ExpectAsync(HttpStatusCode.OK);
        var weights = PortfolioOptimizer.Optimise(ReturnMoments.FromReturns(returns), OptimisationObjective.MinimumVariance, PortfolioConstraints.LongOnlyPortfolio, 0.0, 252 * 390).Weights;
        var got = optimized["weights"]!.AsArray().ToDictionary(w => w!["instrumentId"]!.GetValue<string>(), w => w!["weight"]);
        for (var i = 0; i < s_instruments.Length; i++)
        {
            AssertClose(weights[i], got[s_instruments[i]], 1e-6);
        }
    }

    private static (ReturnMatrix Returns, double[] Exposures) Expected(bool absolute = false, int lookback = Lookback)
    {
        var returns = MarketHistory.UsdReturns(s_instruments, s_currencies, lookback);
        var eurUsd = MarketHistory.LastClose("FX.EURUSD");
        var exposures = s_instruments.Select((id, i) =>
            (absolute ? Math.Abs(s_quantities[i]) : s_quantities[i]) * MarketHistory.LastClose(id) * (s_currencies[id] == "EUR" ? eurUsd : 1.0)).ToArray();
        return (returns, exposures);
    }

    private static VarEs Of(ParametricRisk risk) => new(risk.ValueAtRisk, risk.ExpectedShortfall);

    private static void AssertClose(double expected, JsonNode? actual, double relative = 1e-10)
    {
        Assert.NotNull(actual);
        var value = actual.GetValue<double>();
        Assert.True(Math.Abs(value - expected) <= relative * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {value:R}");
    }
}
