using RiskRadar.Analytics.Optimisation;
using RiskRadar.Analytics.Risk;
using RiskRadar.Cli.Arguments;
using RiskRadar.Cli.Csv;
using RiskRadar.Cli.Output;

namespace RiskRadar.Cli.Commands;

/// <summary>'optimize': min-variance, max-Sharpe or risk-parity weights on the sample moments of simple returns.</summary>
internal static class OptimizeCommand
{
    private static readonly Dictionary<string, OptimisationObjective> s_objectives = new(StringComparer.Ordinal)
    {
        ["min-variance"] = OptimisationObjective.MinimumVariance,
        ["max-sharpe"] = OptimisationObjective.MaximumSharpe,
        ["risk-parity"] = OptimisationObjective.RiskParity,
    };

    public static int Run(OptionSet options, TextWriter output)
    {
        string pricesPath = options.Required("prices");
        string objectiveName = options.Required("objective");
        OptimisationObjective objective = s_objectives.TryGetValue(objectiveName, out OptimisationObjective o)
            ? o
            : throw new CliException($"--objective must be one of {string.Join(", ", s_objectives.Keys)}; got '{objectiveName}'.");
        double riskFree = options.OptionalDouble("risk-free", 0.0);
        bool longOnly = options.Flag("long-only");
        double? minWeight = options.Has("min-weight") ? options.RequiredDouble("min-weight") : null;
        double? maxWeight = options.Has("max-weight") ? options.RequiredDouble("max-weight") : null;
        int periodsPerYear = options.OptionalInt("periods-per-year", PerformanceRatios.DefaultPeriodsPerYear);
        if (periodsPerYear < 1)
        {
            throw new CliException($"--periods-per-year must be ≥ 1; got {periodsPerYear}.");
        }

        bool json = options.Json;

        PriceTable prices = PriceTable.Read(pricesPath);
        prices.RequireReturns(Math.Max(2, prices.Instruments.Count + 1), "a non-singular sample covariance");
        int n = prices.Instruments.Count;
        PortfolioConstraints constraints = new(
            longOnly,
            minWeight is { } lo ? Enumerable.Repeat(lo, n).ToArray() : null,
            maxWeight is { } hi ? Enumerable.Repeat(hi, n).ToArray() : null);
        OptimisedPortfolio result = PortfolioOptimizer.Optimise(ReturnMoments.FromReturns(prices.ToReturns()), objective, constraints, riskFree, periodsPerYear);

        Dictionary<string, double> weights = new(StringComparer.Ordinal);
        Dictionary<string, double> contributions = new(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            weights[result.Instruments[i]] = result.Weights[i];
            contributions[result.Instruments[i]] = result.RiskContributions[i];
        }

        OptimizeReport report = new(objectiveName, weights, result.ExpectedReturn, result.Volatility, result.Sharpe, contributions);
        return ReportWriter.Write(output, json, report, ReportJsonContext.Default.OptimizeReport, r => new TableWriter()
            .Row("objective", r.Objective)
            .Section("weights", r.Weights)
            .Row("expected return (annualised)", r.ExpectedReturn)
            .Row("volatility (annualised)", r.Volatility)
            .Row("Sharpe", r.Sharpe)
            .Section("risk contributions", r.RiskContributions));
    }
}
