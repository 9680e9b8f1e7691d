using System.Globalization;
using RiskRadar.Testing;

namespace RiskRadar.StreamProcessor.Tests.EndToEnd;

/// <summary>The StreamProcessor service as its own process, configured only through the environment (as the AppHost does).</summary>
internal sealed class StreamProcessorProcess : ServerProcess
{
    private StreamProcessorProcess()
        : base("stream-processor")
    {
    }

    /// <param name="settings">Settings over the replay's (environment variable names, as the AppHost passes them).</param>
    public static async Task<StreamProcessorProcess> StartAsync(LocalServers servers, string stateDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var process = new StreamProcessorProcess();
        var port = process.Port.ToString(CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string>(servers.ConnectionStrings())
        {
            ["StreamProcessor__StateDirectory"] = stateDirectory,
            ["StreamProcessor__SessionTimeout"] = "00:00:06",
            ["StreamProcessor__Pipeline__BarSize"] = "00:00:10",
            ["StreamProcessor__Pipeline__BarGrace"] = "00:00:02",
            ["ScenarioSets__Lookback"] = ReplayBook.Lookback.ToString(CultureInfo.InvariantCulture),
            ["StreamProcessor__Pipeline__MinScenarios"] = ReplayBook.MinScenarios.ToString(CultureInfo.InvariantCulture),
            ["Kafka__Consumer__session.timeout.ms"] = "6000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__RiskRadar"] = "Information",
            ["Logging__LogLevel__Streamiz"] = Environment.GetEnvironmentVariable("E2E_STREAMIZ_LOG") ?? "Warning",
            ["StreamProcessor__KafkaDebug"] = Environment.GetEnvironmentVariable("E2E_KAFKA_DEBUG") ?? "",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        process.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "RiskRadar.StreamProcessor.dll"), "--urls", $"http://127.0.0.1:{port}"], environment);
        // Ready means processing: /health also answers 200 while the topology is (degraded) rebalancing.
        await process.WaitUntilReadyAsync(
            _ => process.Output.Contains("Stream state REBALANCING → RUNNING", StringComparison.Ordinal) ? Task.CompletedTask : throw new InvalidOperationException("Topology not running yet."),
            TimeSpan.FromSeconds(90));
        return process;
    }
}
