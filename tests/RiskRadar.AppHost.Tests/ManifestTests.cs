using System.Diagnostics;
using System.Text.Json;

namespace RiskRadar.AppHost.Tests;

/// <summary>
/// <c>dotnet run --project src/RiskRadar.AppHost -- --publisher manifest --output-path DIR</c> is the base for the
/// Kubernetes manifests; it must describe the container infrastructure and wire every service to it.
/// </summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task Publishing_a_manifest_describes_containers_and_wiring()
    {
        var output = Path.Combine(Path.GetTempPath(), $"riskradar-manifest-{Guid.NewGuid():N}");
        var manifestPath = Path.Combine(output, "aspire-manifest.json");
        var project = Projects.RiskRadar_AppHost.ProjectPath;
        try
        {
            var (exitCode, log) = await RunAsync("dotnet",
                ["run", "--project", project, "--no-build", "--configuration", BuildConfiguration, "--",
                 "--publisher", "manifest", "--output-path", manifestPath]);
            Assert.True(exitCode == 0, $"publish exited {exitCode}:\n{log}");

            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(manifestPath));
            var resources = manifest.RootElement.GetProperty("resources");

            Assert.StartsWith("apache/kafka:", resources.GetProperty("kafka-broker").GetProperty("image").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("docker.io/timescale/timescaledb:", resources.GetProperty("postgres").GetProperty("image").GetString(), StringComparison.Ordinal);
            Assert.Equal("{postgres.connectionString};Database=timeseries", resources.GetProperty("timeseries").GetProperty("connectionString").GetString());
            Assert.StartsWith("docker.io/library/redis:", resources.GetProperty("cache").GetProperty("image").GetString(), StringComparison.Ordinal);
            Assert.False(resources.TryGetProperty("redis", out _), "the local redis executable leaked into the manifest");

            foreach (var service in new[] { "ingestion", "stream-processor", "api", "gateway" })
            {
                var env = resources.GetProperty(service).GetProperty("env");
                Assert.Equal("{kafka.connectionString}", env.GetProperty("ConnectionStrings__kafka").GetString());
                Assert.Equal("{timeseries.connectionString}", env.GetProperty("ConnectionStrings__timeseries").GetString());
                Assert.Equal("{cache.connectionString}", env.GetProperty("ConnectionStrings__cache").GetString());
            }

            // Secrets are parameters to be supplied at deploy time, never values in the manifest.
            Assert.Equal("{jwt-signing-key.value}", resources.GetProperty("gateway").GetProperty("env").GetProperty("Auth__SigningKey").GetString());
            Assert.True(resources.GetProperty("jwt-signing-key").GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private static async Task<(int ExitCode, string Log)> RunAsync(string command, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
