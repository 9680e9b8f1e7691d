using System.Diagnostics;

namespace RiskRadar.AppHost.Infrastructure;

/// <summary>Where Kafka, the time-series database and the cache come from.</summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a container runtime answers, local executables otherwise; always containers when publishing.</summary>
    Auto,

    /// <summary>Kafka, TimescaleDB and Redis containers; the only mode a publish (manifest, Kubernetes) describes.</summary>
    Containers,

    /// <summary>PostgreSQL and redis-server from the machine's packages and the Kafka development broker.</summary>
    Local,
}

public static class InfrastructureModeResolver
{
    public const string ConfigurationKey = "RiskRadar:Infrastructure";

    public static InfrastructureMode Resolve(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return InfrastructureMode.Containers;
        }

        var configured = builder.Configuration[ConfigurationKey];
        var mode = string.IsNullOrWhiteSpace(configured)
            ? InfrastructureMode.Auto
            : Enum.Parse<InfrastructureMode>(configured, ignoreCase: true);
        return mode != InfrastructureMode.Auto ? mode
            : ContainerRuntimeAnswers() ? InfrastructureMode.Containers
            : InfrastructureMode.Local;
    }

    /// <summary>
    /// A container resource without a running engine never becomes healthy and blocks everything waiting on it,
    /// so Auto asks the engine (not just the CLI) before choosing containers.
    /// </summary>
    private static bool ContainerRuntimeAnswers()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") ?? "docker";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
