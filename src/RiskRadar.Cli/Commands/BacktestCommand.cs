using RiskRadar.Analytics.Backtesting;
using RiskRadar.Cli.Arguments;
using RiskRadar.Cli.Csv;
using RiskRadar.Cli.Output;

namespace RiskRadar.Cli.Commands;

/// <summary>'backtest': Kupiec, Christoffersen and the Basel traffic light for realised losses against VaR.</summary>
internal static class BacktestCommand
{
    public static int Run(OptionSet options, TextWriter output)
    {
        string lossesPath = options.Required("losses");
        string varPath = options.Required("var");
        double confidence = options.Confidence();
        bool json = options.Json;

        double[] losses = SeriesFile.Read(lossesPath, "loss");
        double[] var = SeriesFile.Read(varPath, "VaR");
        if (losses.Length != var.Length)
        {
            throw new CliException($"{lossesPath} has {losses.Length} values but {varPath} has {var.Length}; they must pair up day by day.");
        }

        if (losses.Length < 2)
        {
            throw new CliException($"{lossesPath}: too few observations: {losses.Length}; a backtest needs at least 2.");
        }

        VarBacktestResult r = VarBacktest.Run(losses, var, confidence);
        BacktestReport report = new(
            r.Observations, r.Failures, r.Confidence, r.ExpectedFailures,
            new TestStatistic(r.ProportionOfFailures.Statistic, r.ProportionOfFailures.PValue),
            new ChristoffersenReport(
                new TestStatistic(r.Independence.Statistic, r.Independence.PValue),
                new TestStatistic(r.ConditionalCoverage.Statistic, r.ConditionalCoverage.PValue),
                r.Transitions.N00, r.Transitions.N01, r.Transitions.N10, r.Transitions.N11),
            new TrafficLightReport(r.Zone.ToString().ToLowerInvariant(), r.CumulativeProbability));
        return ReportWriter.Write(output, json, report, ReportJsonContext.Default.BacktestReport, b => new TableWriter()
            .Row("observations", b.Observations, "0")
            .Row("failures", b.Failures, "0")
            .Row("expected failures", b.ExpectedFailures, "0.##")
            .Row("Kupiec POF LR", b.Kupiec.Lr, "0.######")
            .Row("Kupiec p-value", b.Kupiec.PValue, "0.######")
            .Row("Christoffersen independence LR", b.Christoffersen.Independence.Lr, "0.######")
            .Row("Christoffersen independence p-value", b.Christoffersen.Independence.PValue, "0.######")
            .Row("conditional coverage LR", b.Christoffersen.ConditionalCoverage.Lr, "0.######")
            .Row("conditional coverage p-value", b.Christoffersen.ConditionalCoverage.PValue, "0.######")
            .Row("transitions N00 N01 N10 N11", $"{b.Christoffersen.N00} {b.Christoffersen.N01} {b.Christoffersen.N10} {b.Christoffersen.N11}")
            .Row("traffic light", b.TrafficLight.Zone)
            .Row("P(X ≤ failures)", b.TrafficLight.CumulativeProbability, "0.######"));
    }
}
