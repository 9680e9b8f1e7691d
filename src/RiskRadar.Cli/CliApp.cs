using System.CommandLine;
using RiskRadar.Cli.Arguments;

namespace RiskRadar.Cli;

/// <summary>
/// Entry point shared by the executable and the tests: parses with System.CommandLine (<see cref="CommandTree"/>),
/// runs the subcommand and maps failures to exit codes: 0 done, 2 bad input (one line on stderr), 1 anything else.
/// </summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var root = CommandTree.Build(stdout);
            var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            if (args.Length == 0)
            {
                root.Parse(["--help"]).Invoke(invocation);
                return ExitCodes.BadInput;
            }

            var result = root.Parse(args is ["help"] ? ["--help"] : args);
            if (result.Errors.Count > 0)
            {
                stderr.WriteLine($"riskradar: error: {CommandTree.Describe(result)}");
                return ExitCodes.BadInput;
            }

            return result.Invoke(invocation);
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
