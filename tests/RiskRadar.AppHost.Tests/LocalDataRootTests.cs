namespace RiskRadar.AppHost.Tests;

/// <summary>A data root the local servers cannot use stops the AppHost at once, saying what to change.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalDataRootTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("riskradar-dataroot-").FullName;

    [Fact]
    public async Task A_data_root_postgres_cannot_reach_fails_the_apphost_at_once_naming_the_folder()
    {
        // What mktemp -d makes: a folder only its owner may enter.
        File.SetUnixFileMode(_parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string expected;
        if (Environment.IsPrivilegedProcess)
        {
            expected = $"not reachable by the 'postgres' user";
        }
        else
        {
            // Without root PostgreSQL runs as this user, who can enter the folder but not write to it now.
            File.SetUnixFileMode(_parent, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            expected = "cannot be created";
        }

        var dataRoot = Path.Combine(_parent, "data");
        var started = DateTime.UtcNow;
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RiskRadar_AppHost>(
            [
                "--RiskRadar:Infrastructure=Local",
                $"--RiskRadar:LocalDataRoot={dataRoot}",
                "--Parameters:dev-password=data-root-test",
                "--Parameters:jwt-signing-key=data-root-test-signing-key-data-root-test-signing-key",
                "--Parameters:postgres-password=data-root-test",
                "--Parameters:redis-password=data-root-test",
            ]);
            await using var app = await builder.BuildAsync();
        });

        var message = string.Join(" | ", Flatten(failure).Select(e => e.Message));
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Contains("RiskRadar:LocalDataRoot", message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "the AppHost must fail before starting anything");
    }

    [Fact]
    public void A_data_root_every_user_can_enter_is_usable()
    {
        File.SetUnixFileMode(_parent, File.GetUnixFileMode(_parent) | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
        var dataRoot = Path.Combine(_parent, "data");

        Assert.Equal(dataRoot, Infrastructure.LocalDataRoot.EnsureUsable(dataRoot));
        Assert.True(Directory.Exists(dataRoot));
    }

    public void Dispose()
    {
        File.SetUnixFileMode(_parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Delete(_parent, recursive: true);
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
