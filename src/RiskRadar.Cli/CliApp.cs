using RiskRadar.Cli.Arguments;
using RiskRadar.Cli.Commands;

namespace RiskRadar.Cli;

/// <summary>Entry point shared by the executable and the tests: dispatches a subcommand and maps failures to exit codes.</summary>
public static class CliApp
{
    public const string Usage = """
        usage:
          riskradar risk --prices P.csv --positions Q.csv --method historical|parametric|cornish-fisher|ewma|monte-carlo
                         --confidence C [--horizon H] [--risk-free R] [--periods-per-year N] [--ewma-lambda L]
                         [--paths N] [--seed S] [--quantile linear|basel] [--json]
          riskradar optimize --prices P.csv --objective min-variance|max-sharpe|risk-parity [--risk-free R] [--long-only]
                         [--min-weight W] [--max-weight W] [--periods-per-year N] [--json]
          riskradar price option --type call|put --spot S --strike K --rate R [--dividend Q] --volatility V --expiry T [--json]
          riskradar price bond [--face F] --coupon-rate C --frequency 1|2|4|12 --maturity YYYY-MM-DD --settlement YYYY-MM-DD
                         (--yield Y | --clean-price P) --day-count 30/360|act/act|act/365 [--json]
          riskradar backtest --losses L.csv --var V.csv --confidence C [--json]
          riskradar history import FILE.csv --url http://localhost:5180 (--token T | --api-key K) [--json]
                         (admin; RISKRADAR_TOKEN or RISKRADAR_API_KEY instead of the options)
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                stdout.WriteLine(Usage);
                return args.Length == 0 ? ExitCodes.BadInput : ExitCodes.Success;
            }

            return args[0] switch
            {
                "risk" => RiskCommand.Run(OptionSet.Parse(args.AsSpan(1), "risk"), stdout),
                "optimize" => OptimizeCommand.Run(OptionSet.Parse(args.AsSpan(1), "optimize"), stdout),
                "backtest" => BacktestCommand.Run(OptionSet.Parse(args.AsSpan(1), "backtest"), stdout),
                "price" when args.Length > 1 && args[1] == "option" => PriceOptionCommand.Run(OptionSet.Parse(args.AsSpan(2), "price option"), stdout),
                "price" when args.Length > 1 && args[1] == "bond" => PriceBondCommand.Run(OptionSet.Parse(args.AsSpan(2), "price bond"), stdout),
                "price" => throw new CliException("'price' needs an instrument: 'price option' or 'price bond'."),
                "history" when args.Length > 2 && args[1] == "import" && !args[2].StartsWith("--", StringComparison.Ordinal) =>
                    HistoryImportCommand.Run(args[2], OptionSet.Parse(args.AsSpan(3), "history import"), stdout),
                "history" => throw new CliException("usage: 'history import FILE.csv --url …' (the file comes first)."),
                _ => throw new CliException($"unknown command '{args[0]}'; expected risk, optimize, price option, price bond, backtest or history import."),
            };
        }
        catch (CliException ex)
        {
            stderr.WriteLine($"riskradar: error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (CliRemoteException ex)
        {
            stderr.WriteLine($"riskradar: error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (ArgumentException ex)
        {
            // The analytics library validates its inputs with ArgumentException; its message is the user's problem.
            stderr.WriteLine($"riskradar: error: {OneLine(ex.Message)}");
            return ExitCodes.BadInput;
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"riskradar: error: {OneLine(ex.Message)}");
            return ExitCodes.BadInput;
        }
        catch (UnauthorizedAccessException ex)
        {
            stderr.WriteLine($"riskradar: error: {OneLine(ex.Message)}");
            return ExitCodes.BadInput;
        }
#pragma warning disable CA1031 // Last resort: a command-line tool reports, it does not crash with a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"riskradar: internal error: {OneLine(ex.Message)}");
            return ExitCodes.Failure;
        }
    }

    private static string OneLine(string message)
    {
        // ArgumentException appends " (Parameter 'x')"; the parameter name means nothing to a CLI user.
        int p = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        string text = p >= 0 ? message[..p] : message;
        return text.ReplaceLineEndings(" ");
    }
}
