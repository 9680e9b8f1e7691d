using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RiskRadar.IntegrationTests;

/// <summary>
/// Starts the whole AppHost once per test collection in local mode (PostgreSQL, redis-server and the development
/// broker as executables) with its own data directory and known secrets, and waits until every resource is healthy.
/// </summary>
public sealed class LocalStackFixture : IAsyncLifetime
{
    public static readonly string[] Resources =
        ["postgres", "redis", "kafka-broker", "ingestion", "stream-processor", "api", "gateway", "web"];

    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), $"riskradar-it-{Guid.NewGuid():N}");

    public DistributedApplication App { get; private set; } = null!;

    public string DevPassword { get; } = "it-" + Guid.NewGuid().ToString("N");

    public string ViewerPassword { get; } = "it-" + Guid.NewGuid().ToString("N");

    public string SigningKey { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>From StartAsync until every resource reported healthy.</summary>
    public TimeSpan StartToHealthy { get; private set; }

    /// <summary>Runs from the moment every resource was healthy.</summary>
    public Stopwatch SinceHealthy { get; } = new();

    public async Task InitializeAsync()
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RiskRadar_AppHost>(
        [
            "--RiskRadar:Infrastructure=Local",
            $"--RiskRadar:LocalDataRoot={_dataRoot}",
            $"--Parameters:dev-password={DevPassword}",
            $"--Parameters:viewer-password={ViewerPassword}",
            $"--Parameters:jwt-signing-key={SigningKey}",
            $"--Parameters:postgres-password=pg-{Guid.NewGuid():N}",
            $"--Parameters:redis-password=rd-{Guid.NewGuid():N}",
        ]);
        appHost.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            // Resource console output is for the dashboard; tests show it only when a resource writes errors.
            .AddFilter("RiskRadar.AppHost.Resources", LogLevel.Error));

        App = await appHost.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var stopwatch = Stopwatch.StartNew();
        await App.StartAsync(timeout.Token);
        await Task.WhenAll(Resources.Select(r => App.ResourceNotifications.WaitForResourceHealthyAsync(r, timeout.Token)));
        StartToHealthy = stopwatch.Elapsed;
        SinceHealthy.Start();
        Measurements.Record("apphost_start_to_healthy_seconds", StartToHealthy.TotalSeconds);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The resource's console lines that contain <paramref name="containing"/> (case-insensitive), for failure messages.</summary>
    public async Task<string> LogLinesAsync(string resource, string containing)
    {
        var lines = new List<string>();
        await foreach (var batch in App.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(resource))
        {
            lines.AddRange(batch.Where(l => l.Content.Contains(containing, StringComparison.OrdinalIgnoreCase)).Select(l => l.Content));
        }

        return string.Join(Environment.NewLine, lines.TakeLast(20));
    }

    public HttpClient CreateGatewayClient() => App.CreateHttpClient("gateway", "http");

    /// <summary>The dashboard's address, as a person opens it.</summary>
    public Uri WebUrl => App.GetEndpoint("web", "http");

    public async Task<string> KafkaBootstrapAsync() =>
        await App.GetConnectionStringAsync("kafka") ?? throw new InvalidOperationException("No kafka connection string.");
}

[CollectionDefinition(Name)]
public sealed class LocalStackCollection : ICollectionFixture<LocalStackFixture>
{
    public const string Name = "local stack";
}
