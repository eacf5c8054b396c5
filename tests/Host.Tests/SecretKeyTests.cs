using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

public sealed class SecretKeyTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Start_NoSecretKey_GeneratesOwnerOnlyFile()
    {
        await using var host = await HostProcess.StartAsync();
        var path = Path.Combine(host.DataDirectory, "secret_key");

        var key = await File.ReadAllTextAsync(path);

        Assert.True(key.Length >= 50, $"The generated key has {key.Length} characters.");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Contains(
            $"No secret key is configured, so a generated one was stored in '{path}'. A deployment that shares a backend with other servers must set AUTHENTIK_SECRET_KEY instead.",
            host.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain(key, host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_ExistingKeyFile_ReusesKey()
    {
        var data = Directory.CreateTempSubdirectory("authentik-plugins-secret-").FullName;
        try
        {
            var path = Path.Combine(data, "secret_key");
            string firstKey;
            await using (var first = await HostProcess.StartAsync(new HostProcessOptions { DataDirectory = data }))
            {
                firstKey = await File.ReadAllTextAsync(path);
            }

            await using var second = await HostProcess.StartAsync(new HostProcessOptions { DataDirectory = data });

            Assert.Equal(firstKey, await File.ReadAllTextAsync(path));
            Assert.Contains($"No secret key is configured, so the one stored in '{path}' is used.", second.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("a generated one was stored", second.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Start_EmptyKeyFile_StopsWithReason()
    {
        var data = Directory.CreateTempSubdirectory("authentik-plugins-secret-").FullName;
        try
        {
            var path = Path.Combine(data, "secret_key");
            await File.WriteAllTextAsync(path, "\n");

            var result = await HostProcess.RunAsync(new HostProcessOptions { DataDirectory = data });

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(
                $"The host cannot start: The secret key file '{path}' is empty; delete it so the host generates a new key, or set AUTHENTIK_SECRET_KEY.",
                result.StandardOutput,
                StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
