using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;
using RiskRadar.Cli.Arguments;
using RiskRadar.Cli.Csv;
using RiskRadar.Cli.Output;

namespace RiskRadar.Cli.Commands;

/// <summary>'risk': VaR and ES by the chosen method, parametric Euler components, and performance ratios.</summary>
internal static class RiskCommand
{
    private static readonly Dictionary<string, string> s_methods = new(StringComparer.Ordinal)
    {
        ["historical"] = "historical",
        ["parametric"] = "parametric",
        ["cornish-fisher"] = "cornish-fisher",
        ["ewma"] = "ewma",
        ["monte-carlo"] = "monte-carlo",
    };

    private static readonly Dictionary<string, QuantileRule> s_rules = new(StringComparer.Ordinal)
    {
        ["linear"] = QuantileRule.Linear,
        ["basel"] = QuantileRule.BaselOrderStatistic,
    };

    public static int Run(OptionSet options, TextWriter output)
    {
        string pricesPath = options.Required("prices");
        string positionsPath = options.Required("positions");
        string method = options.Choice("method", s_methods);
        double confidence = options.Confidence();
        int horizon = options.OptionalInt("horizon", 1);
        if (horizon < 1)
        {
            throw new CliException($"--horizon must be a whole number of periods ≥ 1; got {horizon}.");
        }

        double riskFree = options.OptionalDouble("risk-free", 0.0);
        int periodsPerYear = options.OptionalInt("periods-per-year", PerformanceRatios.DefaultPeriodsPerYear);
        if (periodsPerYear < 1)
        {
            throw new CliException($"--periods-per-year must be ≥ 1; got {periodsPerYear}.");
        }

        double lambda = options.OptionalDouble("ewma-lambda", EwmaVar.RiskMetricsLambda);
        if (!(lambda > 0.0 && lambda < 1.0))
        {
            throw new CliException($"--ewma-lambda must lie strictly between 0 and 1; got {lambda}.");
        }

        int paths = options.OptionalInt("paths", MonteCarloVar.DefaultPaths);
        if (paths < 100)
        {
            throw new CliException($"--paths must be at least 100; got {paths}.");
        }

        int seed = options.OptionalInt("seed", MonteCarloVar.DefaultSeed);
        QuantileRule rule = options.Choice("quantile", s_rules, QuantileRule.Linear, required: false);
        bool json = options.Json;

        PriceTable prices = PriceTable.Read(pricesPath);
        IReadOnlyList<(string Instrument, double Quantity)> positions = PositionsFile.Read(positionsPath, prices);
        prices.RequireReturns(method == "cornish-fisher" ? 3 : 2, $"the {method} method");

        string[] names = positions.Select(p => p.Instrument).ToArray();
        ReturnMatrix returns = prices.ToReturns().Select(names);
        double[] exposures = positions.Select(p => p.Quantity * prices.LastPrice(IndexOf(prices.Instruments, p.Instrument))).ToArray();
        RiskOptions riskOptions = new(confidence, horizon, rule);

        VarEs measure = method switch
        {
            "historical" => HistoricalVar.Compute(returns, exposures, riskOptions),
            "parametric" => AsVarEs(ParametricVar.FromReturns(returns, exposures, riskOptions)),
            "cornish-fisher" => CornishFisherVar.Compute(returns, exposures, riskOptions),
            "ewma" => AsVarEs(EwmaVar.Compute(returns, exposures, riskOptions, lambda)),
            _ => MonteCarloVar.Compute(returns, exposures, riskOptions, paths, seed),
        };

        // Components are the parametric (sample covariance, zero mean) Euler allocation whatever the method.
        ParametricRisk parametric = ParametricVar.FromReturns(returns, exposures, riskOptions);
        Dictionary<string, double> components = new(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            components[names[i]] = parametric.ComponentVar[i];
        }

        double marketValue = exposures.Sum();
        PerformanceRatios? ratios = marketValue != 0.0 ? PerformanceRatios.ForPortfolio(returns, exposures, riskFree, periodsPerYear) : null;
        RiskReport report = new(
            method, confidence, horizon, returns.Observations, marketValue, measure.ValueAtRisk, measure.ExpectedShortfall, components,
            ratios is null ? null : ReportWriter.Finite(ratios.Volatility),
            ratios is null ? null : ReportWriter.Finite(ratios.Sharpe),
            ratios is null ? null : ReportWriter.Finite(ratios.Sortino),
            ratios is null ? null : ReportWriter.Finite(ratios.MaxDrawdown));
        return ReportWriter.Write(output, json, report, ReportJsonContext.Default.RiskReport, r => new TableWriter()
            .Row("method", r.Method)
            .Row("confidence", r.Confidence, "0.####")
            .Row("horizon (periods)", r.Horizon, "0")
            .Row("observations", r.Observations, "0")
            .Row("market value", r.MarketValue, "N2")
            .Row("VaR", r.Var, "N2")
            .Row("expected shortfall", r.ExpectedShortfall, "N2")
            .Section("component VaR (parametric)", r.Components, "N2")
            .Row("volatility (annualised)", r.Volatility)
            .Row("Sharpe", r.Sharpe)
            .Row("Sortino", r.Sortino)
            .Row("max drawdown", r.MaxDrawdown));
    }

    private static VarEs AsVarEs(ParametricRisk r) => new(r.ValueAtRisk, r.ExpectedShortfall);

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new CliException($"unknown instrument '{name}'.");
    }
}
