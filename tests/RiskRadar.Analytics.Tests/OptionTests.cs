using System.Text.Json;

using RiskRadar.Analytics.Instruments.Options;

namespace RiskRadar.Analytics.Tests;

public class OptionTests
{
    [Fact]
    public void Price_and_greeks_match_quantlib_analytic_european_engine()
    {
        foreach (JsonElement e in Fixtures.QuantLib.GetProperty("options").EnumerateArray())
        {
            OptionValuation v = BlackScholesMerton.Value(Option(e));
            string id = $"{e.GetProperty("type").GetString()} S={e.Number("spot")} K={e.Number("strike")} T={e.Number("expiry")}";
            Near.Equal(e.Number("price"), v.Price, 1e-10, 1e-12, $"{id} price");
            Near.Equal(e.Number("delta"), v.Delta, 1e-10, 1e-12, $"{id} delta");
            Near.Equal(e.Number("gamma"), v.Gamma, 1e-10, 1e-12, $"{id} gamma");
            Near.Equal(e.Number("vega"), v.Vega, 1e-10, 1e-12, $"{id} vega");
            Near.Equal(e.Number("theta"), v.Theta, 1e-10, 1e-12, $"{id} theta");
            Near.Equal(e.Number("rho"), v.Rho, 1e-10, 1e-12, $"{id} rho");
            Near.Equal(e.Number("dividendRho"), v.DividendRho, 1e-10, 1e-12, $"{id} dividend rho");
        }
    }

    [Fact]
    public void Haug_textbook_examples_to_four_decimals()
    {
        foreach (JsonElement e in Fixtures.QuantLib.GetProperty("haug").EnumerateArray())
        {
            OptionValuation v = BlackScholesMerton.Value(Option(e));
            double actual = e.GetProperty("measure").GetString() switch
            {
                "price" => v.Price,
                "delta" => v.Delta,
                "gamma" => v.Gamma,
                "theta" => v.Theta,
                "rho" => v.Rho,
                var m => throw new InvalidOperationException(m),
            };
            Near.Equal(e.Number("value"), actual, 0.0, 5e-5, e.GetProperty("example").GetString());
        }
    }

    [Fact]
    public void Put_call_parity_holds()
    {
        EuropeanOption call = new(OptionType.Call, 103, 97, 0.04, 0.015, 0.27, 0.8);
        EuropeanOption put = new(OptionType.Put, 103, 97, 0.04, 0.015, 0.27, 0.8);
        double parity = (103 * Math.Exp(-0.015 * 0.8)) - (97 * Math.Exp(-0.04 * 0.8));
        Near.Equal(parity, BlackScholesMerton.Value(call).Price - BlackScholesMerton.Value(put).Price, 1e-13);
    }

    [Fact]
    public void Invalid_inputs_are_rejected_with_the_argument_named()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new EuropeanOption(OptionType.Call, 100, 100, 0.01, 0, -0.2, 1));
        Assert.Contains("volatility", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new EuropeanOption(OptionType.Call, 100, 100, 0.01, 0, 0.2, -1.0 / 365));
    }

    private static EuropeanOption Option(JsonElement e) => new(
        e.GetProperty("type").GetString() == "call" ? OptionType.Call : OptionType.Put,
        e.Number("spot"), e.Number("strike"), e.Number("rate"), e.Number("dividend"), e.Number("volatility"), e.Number("expiry"));
}
