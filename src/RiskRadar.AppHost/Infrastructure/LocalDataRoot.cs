using System.Diagnostics;

namespace RiskRadar.AppHost.Infrastructure;

/// <summary>
/// Checks, before anything starts, that local mode's servers can keep their data under the data root. Run as root,
/// PostgreSQL runs as the <c>postgres</c> user (it refuses root), so that user must be able to reach the folder: a
/// root-only parent (<c>mktemp -d</c> makes one) would make initdb fail and every service wait for it forever.
/// </summary>
public static class LocalDataRoot
{
    public const string PostgresUser = "postgres";

    /// <summary>Creates the folder and returns it, or throws saying what to change.</summary>
    public static string EnsureUsable(string dataRoot)
    {
        try
        {
            Directory.CreateDirectory(dataRoot);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new InvalidOperationException(
                $"The local data root '{dataRoot}' cannot be created ({ex.Message}). Set {LocalInfrastructure.DataRootKey} to a folder you can write to.", ex);
        }

        if (!OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess && !PostgresCanEnter(dataRoot))
        {
            var blocking = dataRoot;
            foreach (var directory in Ancestors(dataRoot))
            {
                if (!File.GetUnixFileMode(directory).HasFlag(UnixFileMode.OtherExecute))
                {
                    blocking = directory;
                    break;
                }
            }

            throw new InvalidOperationException(
                $"The local data root '{dataRoot}' is not reachable by the '{PostgresUser}' user that PostgreSQL runs as "
                + $"('{blocking}' does not let other users enter it). Set {LocalInfrastructure.DataRootKey} to a folder under one "
                + $"every user can enter (the default, .data/dev in the repository, or /var/tmp/…), or run: chmod o+x '{blocking}'.");
        }

        return dataRoot;
    }

    private static bool PostgresCanEnter(string directory)
    {
        using var probe = Process.Start(new ProcessStartInfo("setpriv", ["--reuid", PostgresUser, "--regid", PostgresUser, "--init-groups", "--", "test", "-x", directory])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("setpriv could not be started; run eng/setup.sh.");
        if (!probe.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            probe.Kill();
            throw new InvalidOperationException($"Checking whether '{PostgresUser}' can enter '{directory}' did not finish in 10 s.");
        }

        return probe.ExitCode == 0;
    }

    // From the top down: the first one that shuts others out is the one to name.
    private static IEnumerable<string> Ancestors(string directory)
    {
        var chain = new List<string>();
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            chain.Add(current.FullName);
        }

        chain.Reverse();
        return chain;
    }
}
