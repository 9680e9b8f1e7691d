using System.Globalization;
using System.Text.Json;

using static RiskRadar.Cli.Tests.CliRunner;

namespace RiskRadar.Cli.Tests;

public class RiskCommandTests
{
    private static readonly JsonElement s_expected = Expected("risk_expected.json");

    public static TheoryData<string, string, int> Methods()
    {
        TheoryData<string, string, int> data = [];
        for (int i = 0; i < s_expected.GetProperty("cases").GetArrayLength(); i++)
        {
            data.Add("historical", "historical", i);
            data.Add("parametric", "parametric", i);
            data.Add("cornish-fisher", "cornishFisher", i);
            data.Add("ewma", "ewma", i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Json_output_matches_reference(string method, string key, int index)
    {
        JsonElement c = s_expected.GetProperty("cases")[index];
        string confidence = c.GetProperty("confidence").GetDouble().ToString("R", CultureInfo.InvariantCulture);
        string horizon = c.GetProperty("horizon").GetInt32().ToString(CultureInfo.InvariantCulture);
        JsonElement r = Json("risk", "--prices", Fixture("prices.csv"), "--positions", Fixture("positions.csv"), "--method", method, "--confidence", confidence, "--horizon", horizon);

        Near(s_expected.GetProperty("marketValue").GetDouble(), r.GetProperty("marketValue").GetDouble(), 1e-14);
        Near(c.GetProperty(key).GetProperty("var").GetDouble(), r.GetProperty("var").GetDouble(), 1e-10, what: "var");
        Near(c.GetProperty(key).GetProperty("es").GetDouble(), r.GetProperty("expectedShortfall").GetDouble(), 1e-9, what: "expectedShortfall");
        foreach (JsonProperty component in c.GetProperty("parametric").GetProperty("components").EnumerateObject())
        {
            Near(component.Value.GetDouble(), r.GetProperty("components").GetProperty(component.Name).GetDouble(), 1e-10, 1e-9, component.Name);
        }

        JsonElement ratios = s_expected.GetProperty("ratios")[0];
        foreach (string name in new[] { "volatility", "sharpe", "sortino", "maxDrawdown" })
        {
            Near(ratios.GetProperty(name).GetDouble(), r.GetProperty(name).GetDouble(), 1e-10, what: name);
        }
    }

    [Fact]
    public void Risk_free_rate_and_frequency_flow_into_the_ratios()
    {
        JsonElement ratios = s_expected.GetProperty("ratios")[2];
        JsonElement r = Json("risk", "--prices", Fixture("prices.csv"), "--positions", Fixture("positions.csv"), "--method", "parametric", "--confidence", "0.99",
            "--risk-free", "0.03", "--periods-per-year", "12");
        Near(ratios.GetProperty("sharpe").GetDouble(), r.GetProperty("sharpe").GetDouble(), 1e-10);
        Near(ratios.GetProperty("sortino").GetDouble(), r.GetProperty("sortino").GetDouble(), 1e-10);
        Near(ratios.GetProperty("volatility").GetDouble(), r.GetProperty("volatility").GetDouble(), 1e-10);
    }

    [Fact]
    public void Monte_carlo_is_seeded_and_close_to_the_normal_answer()
    {
        string[] args = ["risk", "--prices", Fixture("prices.csv"), "--positions", Fixture("positions.csv"), "--method", "monte-carlo", "--confidence", "0.99", "--paths", "100000", "--seed", "42"];
        JsonElement a = Json(args), b = Json(args);
        Assert.Equal(a.GetProperty("var").GetDouble(), b.GetProperty("var").GetDouble());
        JsonElement mc = s_expected.GetProperty("monteCarlo")[1];
        double sigma = mc.GetProperty("sigma").GetDouble();
        double se = sigma * Math.Sqrt(0.01 * 0.99 / 100000) / 0.026652;
        Near(mc.GetProperty("var").GetDouble(), a.GetProperty("var").GetDouble(), 0.0, 5 * se, "MC var");
    }

    [Fact]
    public void Basel_quantile_rule_is_selectable()
    {
        JsonElement c = s_expected.GetProperty("cases")[4];
        JsonElement r = Json("risk", "--prices", Fixture("prices.csv"), "--positions", Fixture("positions.csv"), "--method", "historical", "--confidence", "0.99", "--quantile", "basel");
        Near(c.GetProperty("historicalBasel").GetProperty("var").GetDouble(), r.GetProperty("var").GetDouble(), 1e-12);
    }

    [Fact]
    public void Table_output_is_readable_text()
    {
        (int exit, string output, _) = Run("risk", "--prices", Fixture("prices.csv"), "--positions", Fixture("positions.csv"), "--method", "historical", "--confidence", "0.95");
        Assert.Equal(0, exit);
        Assert.Contains("VaR", output, StringComparison.Ordinal);
        Assert.Contains("expected shortfall", output, StringComparison.Ordinal);
        Assert.Contains("BTC", output, StringComparison.Ordinal);
        Assert.DoesNotContain("{", output, StringComparison.Ordinal);
    }
}
