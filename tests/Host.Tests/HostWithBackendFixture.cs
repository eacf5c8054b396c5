using System.Net;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

/// <summary>
/// One <see cref="EchoBackend"/> and one host in front of it, with an empty plugin directory so
/// only the built-in stages route; shared by the tests of a class. Ready once the host has seen
/// the backend healthy. Subclasses change the host's settings.
/// </summary>
public class HostWithBackendFixture : IAsyncLifetime
{
    private string? _pluginDirectory;

    public EchoBackend Backend { get; private set; } = null!;

    public HostProcess Host { get; private set; } = null!;

    public HttpClient Client { get; } = HostProcess.CreateClient();

    public async Task InitializeAsync()
    {
        _pluginDirectory = Directory.CreateTempSubdirectory("authentik-plugins-empty-").FullName;
        Backend = await EchoBackend.StartAsync();
        var options = new HostProcessOptions { BackendUrl = Backend.Url, PluginDirectory = _pluginDirectory };
        Configure(options);
        Host = await HostProcess.StartAsync(options);
        await Host.WaitForStatusAsync("/-/health/ready/", HttpStatusCode.OK);
    }

    protected virtual void Configure(HostProcessOptions options)
    {
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }

        if (_pluginDirectory is not null)
        {
            Directory.Delete(_pluginDirectory, recursive: true);
        }
    }
}
