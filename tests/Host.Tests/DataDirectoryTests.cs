using System.Diagnostics;
using System.Net;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

public sealed class DataDirectoryTests
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Start_MissingDataDirectory_CreatesOwnerOnlyDirectoryAndDatabase()
    {
        var parent = Directory.CreateTempSubdirectory("authentik-plugins-data-").FullName;
        try
        {
            var data = Path.Combine(parent, "data");
            await using var host = await HostProcess.StartAsync(new HostProcessOptions { DataDirectory = data });
            using var client = HostProcess.CreateClient();
            using var response = await client.GetAsync(new Uri(host.HttpUri, "/served"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);

            // The expired-session cleanup opens the database in the background after start.
            var database = Path.Combine(data, "state.db");
            string[] files = [database, database + "-wal", database + "-shm"];
            await WaitForFilesAsync(files, host);

            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(data));
            foreach (var file in files)
            {
                Assert.Equal((file, OwnerOnlyFile), (file, File.GetUnixFileMode(file)));
            }
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    private static async Task WaitForFilesAsync(string[] files, HostProcess host)
    {
        var deadline = Stopwatch.StartNew();
        while (!files.All(File.Exists))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The host did not create {string.Join(", ", files.Where(file => !File.Exists(file)))} within 60 seconds. Output:\n{host.Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
