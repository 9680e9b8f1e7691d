using System.Diagnostics;
using System.Text.Json;

namespace RiskRadar.Cli.Tests;

/// <summary>Runs the CLI through its entry point (in-process) or as the built executable.</summary>
internal static class CliRunner
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using StringWriter stdout = new(), stderr = new();
        int exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static JsonElement Json(params string[] args)
    {
        (int exit, string output, string error) = Run([.. args, "--json"]);
        Assert.True(exit == 0, $"exit {exit}: {error}");
        using JsonDocument doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    public static (int Exit, string Out, string Err) RunProcess(params string[] args)
    {
        ProcessStartInfo psi = new("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "riskradar.dll"));
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, error);
    }

    public static JsonElement Expected(string file)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Fixture(file)));
        return doc.RootElement.Clone();
    }

    public static void Near(double expected, double actual, double rel, double abs = 0.0, string what = "value")
    {
        double tol = abs + (rel * Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= tol, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
