using System.Net;
using System.Text.Json;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.StaticFiles.Tests.Support;

/// <summary>
/// The built host as a process on free loopback ports, with the static-files plugin loaded from
/// its plugin directory and an <see cref="EchoBackend"/> as the authentik backend, so a request the
/// static stage leaves alone comes back as the backend's JSON echo.
/// </summary>
internal sealed class StaticFilesHost : IAsyncDisposable
{
    private readonly EchoBackend _backend;
    private readonly HostProcess _host;

    private StaticFilesHost(EchoBackend backend, HostProcess host)
    {
        _backend = backend;
        _host = host;
        Client = HostProcess.CreateClient();
        Client.BaseAddress = host.HttpUri;
    }

    public int Port => _host.HttpUri.Port;

    public HttpClient Client { get; }

    /// <summary>The host's standard output and error so far.</summary>
    public string Output => _host.Output;

    /// <param name="pluginSettings">Settings of the <c>plugins:static-files</c> section, by key.</param>
    /// <param name="environment">Other <c>AUTHENTIK_*</c> variables, such as <c>AUTHENTIK_STORAGE__MEDIA__BACKEND</c>.</param>
    /// <param name="configFile">YAML configuration file contents, such as an <c>outposts</c> section, or <see langword="null"/>.</param>
    public static async Task<StaticFilesHost> StartAsync(
        IReadOnlyDictionary<string, string?> pluginSettings,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? configFile = null)
    {
        var backend = await EchoBackend.StartAsync();
        try
        {
            var options = new HostProcessOptions { BackendUrl = backend.Url, ConfigFile = configFile };
            foreach (var (key, value) in pluginSettings)
            {
                options.Environment[$"AUTHENTIK_PLUGINS__STATIC_FILES__{key.ToUpperInvariant()}"] = value;
            }

            foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            {
                options.Environment[name] = value;
            }

            var host = await HostProcess.StartAsync(options);

            // Until the host's first health check passes, forwarded requests get 503 "starting".
            await host.WaitForStatusAsync("/static", HttpStatusCode.OK);

            return new StaticFilesHost(backend, host);
        }
        catch
        {
            await backend.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Asserts that the backend, not the static stage, produced the response, for
    /// <paramref name="expectedPath"/>: the host marks forwarded responses with
    /// <c>X-Powered-By: authentik</c>, and the backend echoes the path it received.
    /// </summary>
    public static void AssertForwarded(string expectedPath, string? poweredBy, string body)
    {
        Assert.Equal("authentik", poweredBy);
        using var echo = JsonDocument.Parse(body);
        Assert.Equal(expectedPath, echo.RootElement.GetProperty("path").GetString());
    }

    public static async Task AssertForwardedAsync(string expectedPath, HttpResponseMessage response)
    {
        var poweredBy = response.Headers.TryGetValues("X-Powered-By", out var values) ? string.Join(", ", values) : null;
        AssertForwarded(expectedPath, poweredBy, await response.Content.ReadAsStringAsync());
    }

    public static void AssertForwarded(string expectedPath, RawResponse response) =>
        AssertForwarded(expectedPath, response.Headers.GetValueOrDefault("X-Powered-By"), response.Body);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        await _backend.DisposeAsync();
    }
}
