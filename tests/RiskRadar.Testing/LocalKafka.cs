using RiskRadar.DevBroker;

namespace RiskRadar.Testing;

/// <summary>The development broker as its own process (as the AppHost runs it), with every catalog topic.</summary>
public sealed class LocalKafka : ServerProcess
{
    private readonly TaskCompletionSource<string> _bootstrap = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LocalKafka()
        : base("kafka")
    {
    }

    public string BootstrapServers => _bootstrap.Task.IsCompletedSuccessfully ? _bootstrap.Task.Result : throw new InvalidOperationException("Not started.");

    /// <param name="extraTopics">Topics beyond the catalog, as <c>name:partitions</c>.</param>
    public static async Task<LocalKafka> StartAsync(params string[] extraTopics)
    {
        var server = new LocalKafka();
        List<string> arguments = [Path.Combine(AppContext.BaseDirectory, "RiskRadar.DevBroker.dll"), "--urls", "http://127.0.0.1:0", $"--DevBroker:Port={server.Port}"];
        arguments.AddRange(extraTopics.Select((topic, i) => $"--DevBroker:ExtraTopics:{i}={topic}"));
        server.Start("dotnet", arguments, new Dictionary<string, string>());
        await server.WaitUntilReadyAsync(_ =>
        {
            var line = server.Output.Split('\n').FirstOrDefault(l => l.StartsWith(DevBrokerHost.BootstrapAnnouncement, StringComparison.Ordinal));
            if (line is null)
            {
                throw new InvalidOperationException("No bootstrap announcement yet.");
            }

            server._bootstrap.TrySetResult(line[DevBrokerHost.BootstrapAnnouncement.Length..].Trim());
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(60));
        return server;
    }
}
