using System.Diagnostics;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Authentik.Plugins.DockerLabels.Tests;

/// <summary>
/// Podman's Docker-compatible API service on a unix socket in a temporary folder, with its own
/// storage root so nothing under /var/lib/containers is touched, and one tiny local image. The
/// containers.conf selects runc and ulimits under the machine's hard limits, because Podman's
/// defaults fail to start containers there.
/// </summary>
public sealed class PodmanEngine : IAsyncLifetime
{
    /// <summary>Local image whose command keeps the container running.</summary>
    public const string Image = "localhost/docker-labels-test-busybox:1";

    /// <summary>The same image under a second tag, for image changes.</summary>
    public const string SecondImage = "localhost/docker-labels-test-busybox:2";

    /// <summary>Image whose command does not exist, so the engine creates the container but fails to start it.</summary>
    public const string UnstartableImage = "localhost/docker-labels-test-busybox:missing-command";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"dlt-{Guid.NewGuid():N}"[..16]);
    private Process? _service;

    /// <summary>Engine URL for a service connection.</summary>
    public string Url => $"unix://{SocketPath}";

    /// <summary>Path of the engine's unix socket.</summary>
    public string SocketPath => Path.Combine(_directory, "podman.sock");

    private string ConfigPath => Path.Combine(_directory, "containers.conf");

    private string[] StorageArguments =>
        ["--root", Path.Combine(_directory, "root"), "--runroot", Path.Combine(_directory, "runroot")];

    /// <summary>Creates a client of the engine; the caller disposes it.</summary>
    public DockerClient CreateClient() => new DockerClientBuilder().WithEndpoint(new Uri(Url)).Build();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(ConfigPath, """
            [containers]
            default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
            [engine]
            runtime = "runc"
            """);

        var start = CreatePodmanStartInfo([.. StorageArguments, "system", "service", "--time=0", Url]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        _service = Process.Start(start) ?? throw new InvalidOperationException("podman system service did not start.");
        _service.OutputDataReceived += (_, _) => { };
        _service.ErrorDataReceived += (_, _) => { };
        _service.BeginOutputReadLine();
        _service.BeginErrorReadLine();

        await WaitForSocketAsync();
        await ImportImageAsync();
    }

    /// <summary>Removes every container on the engine, so a test starts from an empty engine.</summary>
    public async Task RemoveAllContainersAsync()
    {
        using var client = CreateClient();
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        foreach (var container in containers)
        {
            await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    /// <summary>Returns the engine's record of container <paramref name="name"/>.</summary>
    public async Task<ContainerInspectResponse> InspectAsync(string name)
    {
        using var client = CreateClient();
        return await client.Containers.InspectContainerAsync(name);
    }

    /// <summary>Returns the names of every container on the engine, sorted.</summary>
    public async Task<IReadOnlyList<string>> ListNamesAsync()
    {
        using var client = CreateClient();
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return containers.Select(container => container.Names![0].TrimStart('/')).Order(StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_service is { HasExited: false })
        {
            try
            {
                await RemoveAllContainersAsync();
            }
            catch (Exception exception) when (exception is DockerApiException or HttpRequestException or IOException)
            {
                // The command-line removal below catches what the API left.
            }

            // SIGTERM lets Podman shut down cleanly; SIGKILL follows when it takes too long.
            await RunAsync("kill", ["-TERM", _service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], ignoreFailure: true);

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _service.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _service.Kill(entireProcessTree: true);
                await _service.WaitForExitAsync();
            }
        }

        _service?.Dispose();

        // Containers outlive the API service, so any the API could not remove are removed directly.
        await RunAsync("podman", [.. StorageArguments, "rm", "--all", "--force", "--time", "0"], ignoreFailure: true);

        // Podman leaves its overlay home bind-mounted on itself after the service stops.
        await RunAsync("umount", [Path.Combine(_directory, "root", "overlay")], ignoreFailure: true);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A mount that is still busy keeps the folder; it lives under the temporary folder.
        }
    }

    private ProcessStartInfo CreatePodmanStartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("podman", arguments) { UseShellExecute = false };
        start.Environment["CONTAINERS_CONF"] = ConfigPath;
        return start;
    }

    private async Task WaitForSocketAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_service!.HasExited)
            {
                throw new InvalidOperationException($"podman system service exited with code {_service.ExitCode}.");
            }

            if (File.Exists(SocketPath))
            {
                try
                {
                    using var client = CreateClient();
                    await client.System.PingAsync();
                    return;
                }
                catch (Exception exception) when (exception is HttpRequestException or SocketException or IOException or DockerApiException)
                {
                    // Not accepting connections yet.
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"podman system service did not answer on {SocketPath} within {StartTimeout}.");
            }

            await Task.Delay(200);
        }
    }

    // A busybox-static root file system as an image, because no registry is reachable.
    private async Task ImportImageAsync()
    {
        var rootfs = Path.Combine(_directory, "rootfs");
        foreach (var folder in new[] { "bin", "tmp", "etc", "proc", "sys", "dev" })
        {
            Directory.CreateDirectory(Path.Combine(rootfs, folder));
        }

        File.Copy("/bin/busybox", Path.Combine(rootfs, "bin", "busybox"));
        foreach (var applet in new[] { "sh", "sleep" })
        {
            File.CreateSymbolicLink(Path.Combine(rootfs, "bin", applet), "busybox");
        }

        await File.WriteAllTextAsync(Path.Combine(rootfs, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        await File.WriteAllTextAsync(Path.Combine(rootfs, "etc", "group"), "root:x:0:\n");

        var archive = Path.Combine(_directory, "rootfs.tar");
        await RunAsync("tar", ["-C", rootfs, "-cf", archive, "."]);
        await RunAsync("podman", [.. StorageArguments, "import", "--change", "CMD [\"/bin/sleep\",\"86400\"]", archive, Image]);
        await RunAsync("podman", [.. StorageArguments, "tag", Image, SecondImage]);
        await RunAsync("podman", [.. StorageArguments, "import", "--change", "CMD [\"/bin/missing-command\"]", archive, UnstartableImage]);
    }

    private async Task RunAsync(string fileName, IEnumerable<string> arguments, bool ignoreFailure = false)
    {
        var start = fileName == "podman" ? CreatePodmanStartInfo(arguments) : new ProcessStartInfo(fileName, arguments) { UseShellExecute = false };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0 && !ignoreFailure)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {await error}");
        }
    }
}
