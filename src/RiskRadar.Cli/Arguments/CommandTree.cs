using System.CommandLine;
using System.CommandLine.Parsing;
using RiskRadar.Cli.Commands;

namespace RiskRadar.Cli.Arguments;

/// <summary>
/// Every subcommand and its options, the one definition System.CommandLine parses and generates help from. Values
/// are taken as strings and checked by the commands (see <see cref="OptionSet"/>).
/// </summary>
internal static class CommandTree
{
    public static RootCommand Build(TextWriter stdout)
    {
        var price = new Command("price", "Price one instrument.")
        {
            Subcommand("option", "Black-Scholes-Merton price and greeks of a European option.", stdout, PriceOptionCommand.Run,
                ("type", "call or put"),
                ("spot", "underlying price (> 0)"),
                ("strike", "strike (> 0)"),
                ("rate", "continuously compounded risk-free rate, e.g. 0.05"),
                ("dividend", "continuous dividend yield (default 0)"),
                ("volatility", "annual volatility (> 0), e.g. 0.2"),
                ("expiry", "time to expiry in years (> 0)"),
                Json),
            Subcommand("bond", "Price or yield of a fixed-rate bond.", stdout, PriceBondCommand.Run,
                ("face", "face value (default 100)"),
                ("coupon-rate", "annual coupon rate, e.g. 0.04"),
                ("frequency", "coupons a year: 1, 2, 4 or 12"),
                ("maturity", "maturity date YYYY-MM-DD"),
                ("settlement", "settlement date YYYY-MM-DD"),
                ("yield", "yield to maturity (give this or --clean-price)"),
                ("clean-price", "clean price per 100 face (give this or --yield)"),
                ("day-count", "30/360, act/act or act/365"),
                Json),
        };
        var historyImport = new Command("import", "Import a daily-history CSV through the gateway (admin; all or nothing).");
        var file = new Argument<string>("file") { Description = "the CSV: date,instrument,close[,open,high,low] or date,INSTR1,INSTR2,…" };
        historyImport.Arguments.Add(file);
        var importOptions = Add(historyImport,
            ("url", "the gateway, e.g. http://localhost:5180"),
            ("token", "an admin's bearer token (or RISKRADAR_TOKEN)"),
            ("api-key", "an admin API key (or RISKRADAR_API_KEY)"),
            Json);
        historyImport.SetAction(result => HistoryImportCommand.Run(
            result.GetValue(file)!, new OptionSet(result, "history import", importOptions), stdout));

        return new RootCommand("RiskRadar command line: VaR/ES, optimisation, option and bond pricing, VaR backtests on CSV files, and history import.")
        {
            Subcommand("risk", "VaR, ES and performance ratios of positions over a price history.", stdout, RiskCommand.Run,
                ("prices", "price history CSV: date,INSTR1,INSTR2,… ascending"),
                ("positions", "positions CSV: instrument,quantity"),
                ("method", "historical, parametric, cornish-fisher, ewma or monte-carlo"),
                ("confidence", "confidence level, strictly between 0 and 1, e.g. 0.99"),
                ("horizon", "horizon in periods of the price history (default 1; scaled by √h)"),
                ("risk-free", "annual risk-free rate for Sharpe and Sortino (default 0)"),
                ("periods-per-year", "periods a year of the price history (default 252)"),
                ("ewma-lambda", "EWMA decay (default 0.94)"),
                ("paths", "Monte Carlo paths"),
                ("seed", "Monte Carlo seed"),
                ("quantile", "linear (default) or basel"),
                Json),
            Subcommand("optimize", "Optimal weights over a price history.", stdout, OptimizeCommand.Run,
                ("prices", "price history CSV: date,INSTR1,INSTR2,… ascending"),
                ("objective", "min-variance, max-sharpe or risk-parity"),
                ("risk-free", "annual risk-free rate (default 0)"),
                ("long-only", "no short positions (weights ≥ 0)"),
                ("min-weight", "lowest weight of an instrument"),
                ("max-weight", "highest weight of an instrument"),
                ("periods-per-year", "periods a year of the price history (default 252)"),
                Json),
            price,
            Subcommand("backtest", "Kupiec, Christoffersen and the Basel traffic light of realised losses against VaR.", stdout, BacktestCommand.Run,
                ("losses", "realised losses CSV, one column"),
                ("var", "predicted VaR CSV, one column, the same length"),
                ("confidence", "VaR confidence level, strictly between 0 and 1"),
                Json),
            new Command("history", "Daily market history.") { historyImport },
        };
    }

    private static readonly (string Name, string Description) Json = ("json", "print JSON instead of a table");

    /// <summary>The options that take no value.</summary>
    private static readonly HashSet<string> s_flags = ["json", "long-only"];

    private static Command Subcommand(
        string name, string description, TextWriter stdout, Func<OptionSet, TextWriter, int> run, params (string Name, string Description)[] options)
    {
        var command = new Command(name, description);
        var table = Add(command, options);
        command.SetAction(result => run(new OptionSet(result, NameOf(result.CommandResult), table), stdout));
        return command;
    }

    private static Dictionary<string, Option> Add(Command command, params (string Name, string Description)[] options)
    {
        var table = new Dictionary<string, Option>(StringComparer.Ordinal);
        foreach (var (name, description) in options)
        {
            Option option = s_flags.Contains(name)
                ? new Option<bool>($"--{name}") { Description = description }
                : new Option<string>($"--{name}") { Description = description, HelpName = "value" };
            command.Options.Add(option);
            table[name] = option;
        }

        return table;
    }

    /// <summary>'price option' rather than 'option': the words a user typed.</summary>
    public static string NameOf(CommandResult command)
    {
        var names = new Stack<string>();
        for (SymbolResult? r = command; r is CommandResult { Command: not RootCommand } c; r = c.Parent)
        {
            names.Push(c.Command.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>Every command that runs something, by the words that name it ("price option").</summary>
    private static IEnumerable<string> Runnable(Command command, string prefix) =>
        command.Subcommands.SelectMany(c => c.Action is null ? Runnable(c, $"{prefix}{c.Name} ") : [$"{prefix}{c.Name}"]);

    /// <summary>The first thing wrong with a command line, in one line a user can act on.</summary>
    public static string Describe(ParseResult result)
    {
        var command = result.CommandResult.Command;
        var name = NameOf(result.CommandResult);
        if (result.UnmatchedTokens.Count > 0)
        {
            var token = result.UnmatchedTokens[0];
            return command is RootCommand ? $"unknown command '{token}'; expected {string.Join(", ", Runnable(command, ""))}."
                : token.StartsWith('-') ? $"unknown option {token} for '{name}'."
                : $"unexpected argument '{token}' for '{name}'; options look like --name value.";
        }

        if (command.Action is null && command.Subcommands.Count > 0)
        {
            return $"'{name}' needs one of: {string.Join(", ", command.Subcommands.Select(c => $"'{name} {c.Name}'"))}.";
        }

        return result.Errors[0].Message.ReplaceLineEndings(" ");
    }
}
