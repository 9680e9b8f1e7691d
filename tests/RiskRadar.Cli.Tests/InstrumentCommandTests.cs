using System.Globalization;
using System.Text.Json;

using static RiskRadar.Cli.Tests.CliRunner;

namespace RiskRadar.Cli.Tests;

public class InstrumentCommandTests
{
    private static readonly JsonElement s_quantLib = Expected("quantlib_expected.json");

    [Fact]
    public void Price_option_matches_quantlib()
    {
        foreach (JsonElement e in s_quantLib.GetProperty("options").EnumerateArray())
        {
            JsonElement r = Json("price", "option", "--type", e.GetProperty("type").GetString()!, "--spot", S(e, "spot"), "--strike", S(e, "strike"),
                "--rate", S(e, "rate"), "--dividend", S(e, "dividend"), "--volatility", S(e, "volatility"), "--expiry", S(e, "expiry"));
            foreach (string name in new[] { "price", "delta", "gamma", "vega", "theta", "rho" })
            {
                Near(e.GetProperty(name).GetDouble(), r.GetProperty(name).GetDouble(), 1e-10, 1e-12, name);
            }
        }
    }

    [Fact]
    public void Price_bond_from_yield_and_from_clean_price_match_quantlib()
    {
        foreach (JsonElement e in s_quantLib.GetProperty("bonds").EnumerateArray())
        {
            string[] common = ["price", "bond", "--face", S(e, "face"), "--coupon-rate", S(e, "couponRate"), "--frequency", S(e, "frequency"),
                "--maturity", e.GetProperty("maturity").GetString()!, "--settlement", e.GetProperty("settlement").GetString()!, "--day-count", e.GetProperty("dayCount").GetString()!];
            JsonElement fromYield = Json([.. common, "--yield", S(e, "yield")]);
            foreach (string name in new[] { "cleanPrice", "dirtyPrice", "macaulayDuration", "modifiedDuration", "convexity", "dv01", "basisPointValue" })
            {
                Near(e.GetProperty(name).GetDouble(), fromYield.GetProperty(name).GetDouble(), 1e-10, 1e-14, name);
            }

            Near(e.GetProperty("accruedInterest").GetDouble(), fromYield.GetProperty("accruedInterest").GetDouble(), 1e-12, 1e-14, "accruedInterest");
            Assert.Equal(e.GetProperty("yield").GetDouble(), fromYield.GetProperty("yield").GetDouble());

            JsonElement p = e.GetProperty("fromPrice");
            JsonElement fromPrice = Json([.. common, "--clean-price", S(p, "cleanPrice")]);
            Near(p.GetProperty("yield").GetDouble(), fromPrice.GetProperty("yield").GetDouble(), 1e-10, 1e-13, "yield");
            Near(p.GetProperty("modifiedDuration").GetDouble(), fromPrice.GetProperty("modifiedDuration").GetDouble(), 1e-10, what: "modifiedDuration");
            Near(p.GetProperty("cleanPrice").GetDouble(), fromPrice.GetProperty("cleanPrice").GetDouble(), 1e-15, what: "cleanPrice");
        }
    }

    [Fact]
    public void Bond_needs_exactly_one_of_yield_and_clean_price()
    {
        (int exit, _, string err) = Run("price", "bond", "--coupon-rate", "0.05", "--frequency", "2", "--maturity", "2030-01-01", "--settlement", "2025-01-01", "--day-count", "act/365");
        Assert.Equal(2, exit);
        Assert.Contains("exactly one of --yield and --clean-price", err, StringComparison.Ordinal);
    }

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetDouble().ToString("R", CultureInfo.InvariantCulture);
}
