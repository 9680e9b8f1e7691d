using System.Globalization;

namespace RiskRadar.Testing;

/// <summary>
/// A RiskRadar web service (Api, Gateway…) run from its own build output as its own process, configured only through
/// the environment, as the AppHost runs it. Ready once <c>/health</c> answers 200.
/// </summary>
public sealed class ServiceProcess : ServerProcess
{
    private ServiceProcess(string project)
        : base(project)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");
    }

    public Uri BaseAddress { get; }

    /// <param name="project">The project under <c>src/</c>, e.g. <c>RiskRadar.Api</c>; the test project must reference it so it is built.</param>
    public static async Task<ServiceProcess> StartAsync(string project, IDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var process = new ServiceProcess(project);
        var settings = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment.TryGetValue("ASPNETCORE_ENVIRONMENT", out var name) ? name : "Production",
            ["Logging__LogLevel__Default"] = environment.TryGetValue("Logging__LogLevel__Default", out var level) ? level : "Warning",
        };
        // Each service's own output directory: its appsettings.json and runtimeconfig are not mixed with another's.
        var assembly = OutputAssembly(project);
        // The content root is where appsettings.json is read from; the default (the working directory) has none.
        process.Start("dotnet", [assembly, "--urls", process.BaseAddress.ToString().TrimEnd('/'), "--contentRoot", Path.GetDirectoryName(assembly)!], settings);
        using var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await process.WaitUntilReadyAsync(
            async cancellationToken => (await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken)).EnsureSuccessStatusCode(),
            timeout ?? TimeSpan.FromSeconds(60));
        return process;
    }

    private static string OutputAssembly(string project)
    {
        // The test assembly's configuration and target framework are the service's: bin/<Configuration>/<tfm>/.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent?.Name ?? "Debug";
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", configuration, framework, project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} is not built at {path}; reference it from the test project.", path);
    }
}
