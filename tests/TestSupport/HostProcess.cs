using System.Diagnostics;
using System.Net;
using System.Text;

namespace Authentik.Plugins.TestSupport;

/// <summary>
/// The built host (<see cref="RepositoryPaths.HostAssembly"/>) running as a real process on free
/// loopback ports, with its standard output and error captured. Started with
/// <see cref="StartAsync"/>, which returns once <c>/-/health/live/</c> returns 200; killed on dispose.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const int StartAttempts = 3;

    private readonly Process _process;
    private readonly CapturedOutput _output;
    private readonly List<string> _ownedDirectories;

    private HostProcess(Process process, CapturedOutput output, HostPorts ports, string dataDirectory, List<string> ownedDirectories)
    {
        _process = process;
        _output = output;
        _ownedDirectories = ownedDirectories;
        HttpUri = new Uri($"http://127.0.0.1:{ports.Http}/");
        HttpsUri = new Uri($"https://127.0.0.1:{ports.Https}/");
        MetricsUri = new Uri($"http://127.0.0.1:{ports.Metrics}/");
        DataDirectory = dataDirectory;
    }

    /// <summary>Base URL of the HTTP listener.</summary>
    public Uri HttpUri { get; }

    /// <summary>Base URL of the HTTPS listener.</summary>
    public Uri HttpsUri { get; }

    /// <summary>Base URL of the metrics listener.</summary>
    public Uri MetricsUri { get; }

    /// <summary>The host's data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>Standard output and error so far, interleaved in arrival order.</summary>
    public string Output => _output.Combined;

    /// <summary>Standard output so far.</summary>
    public string StandardOutput => _output.StandardOutput;

    /// <summary>Standard error so far.</summary>
    public string StandardError => _output.StandardError;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the host and waits until <c>/-/health/live/</c> returns 200. A start that fails
    /// because another process took a port is retried on new ports.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host exited or did not become live in time; the message carries its output.</exception>
    public static async Task<HostProcess> StartAsync(HostProcessOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new HostProcessOptions();
        for (var attempt = 1; ; attempt++)
        {
            var host = Launch(options);
            try
            {
                await host.WaitUntilLiveAsync(options.StartTimeout, cancellationToken);
                return host;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && host.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await host.DisposeAsync();
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Runs the host with <see cref="HostProcessOptions.Arguments"/> (a command) and waits for it to exit.</summary>
    /// <exception cref="TimeoutException">The command did not exit within <see cref="HostProcessOptions.StartTimeout"/>.</exception>
    public static async Task<HostCommandResult> RunAsync(HostProcessOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);

        await using var host = Launch(options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout);
        try
        {
            await host._process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The host did not exit within {options.StartTimeout}. Output:\n{host.Output}");
        }

        return new HostCommandResult(host._process.ExitCode, host.StandardOutput, host.StandardError);
    }

    /// <summary>Returns an <see cref="HttpClient"/> for the host that accepts its self-signed certificate and follows no redirects.</summary>
    public static HttpClient CreateClient(TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
#pragma warning disable CA5359 // The host serves a self-signed certificate generated at each start; tests inspect it themselves.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
        };

        return new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(60) };
    }

    /// <summary>Waits until <paramref name="path"/> on the HTTP listener returns <paramref name="status"/>.</summary>
    /// <exception cref="InvalidOperationException">The host exited or did not return it in time; the message carries its output.</exception>
    public async Task WaitForStatusAsync(string path, HttpStatusCode status, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient(TimeSpan.FromSeconds(10));
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var last = "no response";
        while (deadline.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} while waiting for {path}. Output:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(HttpUri, path), cancellationToken);
                if (response.StatusCode == status)
                {
                    return;
                }

                last = $"status {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "request timed out";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new InvalidOperationException($"{path} did not return {(int)status} within {limit} (last: {last}). Output:\n{Output}");
    }

    /// <summary>Waits until the output contains <paramref name="text"/>.</summary>
    /// <exception cref="TimeoutException">The text did not appear in time; the message carries the output.</exception>
    public async Task WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"The output did not contain '{text}' within {limit}. Output:\n{Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Kills the host and its child processes, waits for it to exit, and deletes the temporary directories it was given.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // The process was never started or has already been reaped.
        }
        catch (OperationCanceledException)
        {
            // The process did not exit after the kill; nothing more can be done from here.
        }

        _process.Dispose();
        foreach (var directory in _ownedDirectories)
        {
            TryDeleteDirectory(directory);
        }
    }

    private static HostProcess Launch(HostProcessOptions options)
    {
        var owned = new List<string>();
        var free = LoopbackPorts.GetFreePorts(3);
        var ports = new HostPorts(free[0], free[1], free[2]);
        var workingDirectory = CreateTemporaryDirectory("host-work", owned);
        var dataDirectory = options.DataDirectory ?? CreateTemporaryDirectory("host-data", owned);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.HostAssembly);
        foreach (var argument in options.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("AUTHENTIK_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AUTHENTIK_LISTEN__HTTP"] = $"127.0.0.1:{ports.Http}";
        start.Environment["AUTHENTIK_LISTEN__HTTPS"] = $"127.0.0.1:{ports.Https}";
        start.Environment["AUTHENTIK_LISTEN__METRICS"] = $"127.0.0.1:{ports.Metrics}";
        start.Environment["AUTHENTIK_PATHS__DATA"] = dataDirectory;
        start.Environment["AUTHENTIK_BACKEND__URL"] = options.BackendUrl ?? $"http://127.0.0.1:{LoopbackPorts.GetFreePort()}";
        if (options.PluginDirectory is not null)
        {
            start.Environment["AUTHENTIK_PATHS__PLUGINS"] = options.PluginDirectory;
        }

        if (options.ConfigFile is not null)
        {
            var configFile = Path.Combine(workingDirectory, "config.yml");
            File.WriteAllText(configFile, options.ConfigFile);
            start.Environment["AUTHENTIK_CONFIG_FILE"] = configFile;
        }

        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var output = new CapturedOutput();
        process.OutputDataReceived += (_, line) => output.Append(line.Data, isError: false);
        process.ErrorDataReceived += (_, line) => output.Append(line.Data, isError: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        return new HostProcess(process, output, ports, dataDirectory, owned);
    }

    private async Task WaitUntilLiveAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await WaitForStatusAsync("/-/health/live/", HttpStatusCode.OK, timeout, cancellationToken);

    private static string CreateTemporaryDirectory(string prefix, List<string> owned)
    {
        var directory = Directory.CreateTempSubdirectory($"authentik-plugins-{prefix}-").FullName;
        owned.Add(directory);
        return directory;
    }

    private static void TryDeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a dying child process; the directory lies under the temp folder.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private readonly record struct HostPorts(int Http, int Https, int Metrics);

    /// <summary>Thread-safe capture of both output streams.</summary>
    private sealed class CapturedOutput
    {
        private readonly Lock _lock = new();
        private readonly StringBuilder _combined = new();
        private readonly StringBuilder _standardOutput = new();
        private readonly StringBuilder _standardError = new();

        public string Combined => Read(_combined);

        public string StandardOutput => Read(_standardOutput);

        public string StandardError => Read(_standardError);

        public void Append(string? line, bool isError)
        {
            if (line is null)
            {
                return;
            }

            lock (_lock)
            {
                _combined.AppendLine(line);
                (isError ? _standardError : _standardOutput).AppendLine(line);
            }
        }

        private string Read(StringBuilder builder)
        {
            lock (_lock)
            {
                return builder.ToString();
            }
        }
    }
}
