using RiskRadar.Analytics.Instruments.Options;
using RiskRadar.Cli.Arguments;
using RiskRadar.Cli.Output;

namespace RiskRadar.Cli.Commands;

/// <summary>'price option': Black-Scholes-Merton price and greeks of a European option.</summary>
internal static class PriceOptionCommand
{
    private static readonly Dictionary<string, OptionType> s_types = new(StringComparer.Ordinal)
    {
        ["call"] = OptionType.Call,
        ["put"] = OptionType.Put,
    };

    public static int Run(OptionSet options, TextWriter output)
    {
        OptionType type = options.Choice("type", s_types);
        double spot = Positive(options, "spot");
        double strike = Positive(options, "strike");
        double rate = options.RequiredDouble("rate");
        double dividend = options.OptionalDouble("dividend", 0.0);
        double volatility = Positive(options, "volatility");
        double expiry = Positive(options, "expiry");
        bool json = options.Json;

        OptionValuation v = BlackScholesMerton.Value(new EuropeanOption(type, spot, strike, rate, dividend, volatility, expiry));
        OptionReport report = new(v.Price, v.Delta, v.Gamma, v.Vega, v.Theta, v.Rho);
        return ReportWriter.Write(output, json, report, ReportJsonContext.Default.OptionReport, r => new TableWriter()
            .Row("price", r.Price, "0.########")
            .Row("delta", r.Delta, "0.########")
            .Row("gamma", r.Gamma, "0.########")
            .Row("vega (per 1.00 vol)", r.Vega, "0.########")
            .Row("theta (per year)", r.Theta, "0.########")
            .Row("rho (per 1.00 rate)", r.Rho, "0.########"));
    }

    private static double Positive(OptionSet options, string name)
    {
        double v = options.RequiredDouble(name);
        return v > 0.0 ? v : throw new CliException($"--{name} must be positive; got {v}.");
    }
}
