using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RiskRadar.Testing;

/// <summary>A server process started for tests: loopback only, its own data directory, stopped and removed on dispose.</summary>
public abstract class ServerProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly string _name;
    private Process? _process;

    protected ServerProcess(string name)
    {
        _name = name;
        DataDirectory = Path.Combine(Path.GetTempPath(), $"riskradar-test-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(DataDirectory);
        Port = FreePort();
    }

    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary>What the process wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the server with SIGTERM (a clean shutdown), killing it if it does not stop in time.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            Signal(_process.Id, "TERM");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>
    /// Stops the server and every process it forked with SIGSTOP: connections stay open and nothing answers, as on a
    /// hung host. <see cref="Thaw"/> continues them.
    /// </summary>
    public void Freeze() => SignalTree("STOP");

    /// <summary>Continues a frozen server (SIGCONT).</summary>
    public void Thaw() => SignalTree("CONT");

    // PostgreSQL answers each connection from a child process, so the whole tree is signalled, parent first.
    private void SignalTree(string signal)
    {
        var process = _process ?? throw new InvalidOperationException($"{_name} is not running.");
        var tree = new List<int> { process.Id };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(ChildrenOf(tree[i]));
        }

        foreach (var pid in tree)
        {
            Signal(pid, signal);
        }
    }

    private static IEnumerable<int> ChildrenOf(int pid)
    {
        var children = $"/proc/{pid}/task/{pid}/children";
        return File.Exists(children)
            ? File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)
            : [];
    }

    /// <summary>Kills the process with SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            Signal(_process.Id, "KILL");
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    protected void Start(string command, IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    protected bool HasExited => _process?.HasExited ?? true;

    /// <summary>Polls <paramref name="ready"/> until it succeeds, the process exits, or the timeout passes.</summary>
    protected async Task WaitUntilReadyAsync(Func<CancellationToken, Task> ready, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        Exception? last = null;
        while (!deadline.IsCancellationRequested)
        {
            if (HasExited)
            {
                // HasExited turns true before the redirected output is read to its end; this waits for that too.
                if (_process is not null)
                {
                    await _process.WaitForExitAsync(CancellationToken.None);
                }

                throw new InvalidOperationException($"{GetType().Name} exited during start:\n{Output}");
            }

            try
            {
                await ready(deadline.Token);
                return;
            }
            catch (Exception ex)
            {
                // Includes a probe cancelled by the deadline itself: the loop ends and the server is stopped below.
                last = ex;
                if (!deadline.IsCancellationRequested)
                {
                    await Task.Delay(200, CancellationToken.None);
                }
            }
        }

        var output = Output;
        // Nobody holds a server that never became ready: stop it here, or it outlives the test run.
        await StopAsync();
        throw new TimeoutException($"{GetType().Name} was not ready within {timeout}: {last?.Message}\n{output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            // Diagnosing a server (e.g. with librdkafka debug on) needs its whole log, kept after the test.
            if (Environment.GetEnvironmentVariable("RISKRADAR_TEST_LOG_DIRECTORY") is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
                File.AppendAllText(Path.Combine(directory, $"{_name}-{_process?.Id}.log"), line + Environment.NewLine);
            }
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {pid}");
        kill?.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RiskRadar.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RiskRadar.sln not found above the test assembly.");
    }
}
