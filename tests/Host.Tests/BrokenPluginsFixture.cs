using System.Net;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

/// <summary>
/// A host in front of an <see cref="EchoBackend"/> whose plugin directory contains one good plugin
/// and one folder of each broken kind.
/// </summary>
public sealed class BrokenPluginsFixture : IAsyncLifetime
{
    public const string GoodFolder = "good";
    public const string GarbageFolder = "not-an-assembly";
    public const string MissingDependencyFolder = "missing-dependency";
    public const string ThrowingFolder = "throwing-constructor";
    public const string IncompatibleFolder = "incompatible-contract";
    public const string DisabledFolder = "disabled";
    public const string EmptyFolder = "empty";

    public const string Config = """
        plugins:
          good:
            greeting: hi-from-config
          missing-dependency:
            name: hello-missing
            path: /missing
          disabled:
            enabled: false
            name: hello-disabled
            path: /disabled
        """;

    private readonly TestPluginDirectory _plugins = new();

    internal TestPluginDirectory Plugins => _plugins;

    public EchoBackend Backend { get; private set; } = null!;

    public HostProcess Host { get; private set; } = null!;

    public HttpClient Client { get; } = HostProcess.CreateClient();

    public async Task InitializeAsync()
    {
        _plugins.AddFixture(TestPluginDirectory.Hello, GoodFolder);

        var garbage = _plugins.AddFolder(GarbageFolder);
        await File.WriteAllTextAsync(Path.Combine(garbage, "Garbage.dll"), "this is not a portable executable");

        var missing = _plugins.AddFixture(TestPluginDirectory.Hello, MissingDependencyFolder);
        File.Delete(Path.Combine(missing, "YamlDotNet.dll"));

        _plugins.AddFixture(TestPluginDirectory.Throwing, ThrowingFolder);
        _plugins.AddFixture(TestPluginDirectory.Incompatible, IncompatibleFolder);
        _plugins.AddFixture(TestPluginDirectory.Hello, DisabledFolder);
        _plugins.AddFolder(EmptyFolder);

        Backend = await EchoBackend.StartAsync();
        Host = await HostProcess.StartAsync(new HostProcessOptions
        {
            BackendUrl = Backend.Url,
            PluginDirectory = _plugins.Path,
            ConfigFile = Config,
        });
        await Host.WaitForStatusAsync("/-/health/ready/", HttpStatusCode.OK);
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

        _plugins.Delete();
    }
}
