using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RiskRadar.DevBroker.Tests;

/// <summary>The development broker as its own process, exactly as the AppHost runs it, shared by a test class.</summary>
public sealed class DevBrokerProcess : IAsyncLifetime
{
    public static readonly (string Name, int Partitions)[] TestTopics = [("it.exchange", 3), ("it.groups", 4), ("it.txn", 1)];

    private Process? _process;

    public string BootstrapServers { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "RiskRadar.DevBroker.dll"), "--urls", "http://127.0.0.1:0", $"--DevBroker:Port={FreePort()}" })
        {
            start.ArgumentList.Add(argument);
        }

        for (var i = 0; i < TestTopics.Length; i++)
        {
            start.ArgumentList.Add($"--DevBroker:ExtraTopics:{i}={TestTopics[i].Name}:{TestTopics[i].Partitions}");
        }

        _process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(DevBrokerHost.BootstrapAnnouncement, StringComparison.Ordinal))
            {
                BootstrapServers = line[DevBrokerHost.BootstrapAnnouncement.Length..];
                // Keep draining output so the broker never blocks on a full pipe.
                _ = _process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = _process.StandardError.ReadToEndAsync(CancellationToken.None);
                return;
            }
        }

        throw new InvalidOperationException($"The broker exited ({_process.ExitCode}) without announcing its address: {await _process.StandardError.ReadToEndAsync()}");
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
