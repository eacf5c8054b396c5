using System.Net;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

public sealed class PluginLoadingTests : IClassFixture<BrokenPluginsFixture>
{
    private readonly BrokenPluginsFixture _fixture;

    public PluginLoadingTests(BrokenPluginsFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task GoodPlugin_CustomStage_HandlesItsPath()
    {
        using var response = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/hello-plugin"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("greeting=hi-from-config\n", body, StringComparison.Ordinal);
        Assert.Contains("client=127.0.0.1\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoodPlugin_OwnDependencyVersion_IsIsolatedFromHost()
    {
        using var response = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/hello-plugin"));
        var body = await response.Content.ReadAsStringAsync();

        // The plugin carries YamlDotNet 18; the host loaded its own YamlDotNet 13 to read the YAML configuration.
        Assert.Contains("plugin-yamldotnet=18.0.0.0\n", body, StringComparison.Ordinal);
        Assert.Contains("host-yamldotnet=13.0.0.0\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoodPlugin_Loaded_IsLoggedWithVersionAndRegistrations()
    {
        await _fixture.Host.WaitForOutputAsync(
            "Plugin 'good' 1.2.3 loaded; it registered routing stage Authentik.Plugins.TestPlugins.Hello.HelloStage, entry point Authentik.Plugins.TestPlugins.Hello.HelloPluginEntry.");
    }

    [Fact]
    public async Task GoodPlugin_Stage_IsPlacedBeforeCore()
    {
        await _fixture.Host.WaitForOutputAsync("Routing stages in order: outpost_paths -> provider_hosts -> hello -> core.");
    }

    [Fact]
    public async Task NotAnAssembly_Loading_IsReportedAndHostKeepsServing()
    {
        var folder = Path.Combine(_fixture.Plugins.Path, BrokenPluginsFixture.GarbageFolder);

        await _fixture.Host.WaitForOutputAsync(
            $"Plugin '{BrokenPluginsFixture.GarbageFolder}' in '{folder}' failed: 'Garbage.dll' cannot be loaded as a .NET assembly: BadImageFormatException: Bad IL format. The format of the file '{Path.Combine(folder, "Garbage.dll")}' is invalid.");
        await AssertHostServesAsync();
    }

    [Fact]
    public async Task MissingDependency_StageCreation_IsReportedAndHostKeepsServing()
    {
        var folder = Path.Combine(_fixture.Plugins.Path, BrokenPluginsFixture.MissingDependencyFolder);

        await _fixture.Host.WaitForOutputAsync(
            $"Plugin '{BrokenPluginsFixture.MissingDependencyFolder}' in '{folder}' failed: the routing stage Authentik.Plugins.TestPlugins.Hello.HelloStage could not be created: FileNotFoundException: Could not load file or assembly 'YamlDotNet, Version=18.0.0.0, Culture=neutral, PublicKeyToken=ec19458f3c15af5e'. The system cannot find the file specified.");
        using var response = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/missing"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/missing", (await BackendEcho.ReadAsync(response)).Path);
        await AssertHostServesAsync();
    }

    [Fact]
    public async Task ThrowingConstructor_StageCreation_IsReportedAndHostKeepsServing()
    {
        var folder = Path.Combine(_fixture.Plugins.Path, BrokenPluginsFixture.ThrowingFolder);

        await _fixture.Host.WaitForOutputAsync(
            $"Plugin '{BrokenPluginsFixture.ThrowingFolder}' in '{folder}' failed: the routing stage Authentik.Plugins.TestPlugins.Throwing.ThrowingStage could not be created: InvalidOperationException: The throwing stage cannot start.");
        await AssertHostServesAsync();
    }

    [Fact]
    public async Task IncompatibleContract_TypeLoad_IsReportedAndHostKeepsServing()
    {
        var folder = Path.Combine(_fixture.Plugins.Path, BrokenPluginsFixture.IncompatibleFolder);

        await _fixture.Host.WaitForOutputAsync(
            $"Plugin '{BrokenPluginsFixture.IncompatibleFolder}' in '{folder}' failed: a type cannot be loaded, so the plugin may be built against another version of Authentik.Plugins.Core or miss a dependency: TypeLoadException: Method 'get_Destination' in type 'Authentik.Plugins.TestPlugins.Incompatible.OldStage' from assembly 'Authentik.Plugins.TestPlugins.Incompatible, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null' does not have an implementation.");
        await AssertHostServesAsync();
    }

    [Fact]
    public async Task EmptyFolder_Loading_IsReported()
    {
        var folder = Path.Combine(_fixture.Plugins.Path, BrokenPluginsFixture.EmptyFolder);

        await _fixture.Host.WaitForOutputAsync(
            $"Plugin '{BrokenPluginsFixture.EmptyFolder}' in '{folder}' failed: the folder contains no .dll; put the plugin's build output (its .dll and .deps.json) into it.");
    }

    [Fact]
    public async Task DisabledPlugin_EnabledFalse_IsNotLoaded()
    {
        var folder = Path.Combine(_fixture.Plugins.Path, BrokenPluginsFixture.DisabledFolder);

        await _fixture.Host.WaitForOutputAsync($"Plugin '{BrokenPluginsFixture.DisabledFolder}' in '{folder}' is disabled by its 'enabled' setting.");
        using var response = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/disabled"));
        Assert.Equal("/disabled", (await BackendEcho.ReadAsync(response)).Path);
    }

    [Fact]
    public async Task PluginsCommand_BrokenPlugins_ListsEachWithFolderAndReason()
    {
        var options = new HostProcessOptions { PluginDirectory = _fixture.Plugins.Path, ConfigFile = BrokenPluginsFixture.Config };
        options.Arguments.Add("plugins");

        var result = await HostProcess.RunAsync(options);
        var root = _fixture.Plugins.Path;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Plugin directory: {root}\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(
            $"good: loaded\n  folder: {Path.Combine(root, "good")}\n  assembly: Authentik.Plugins.TestPlugins.Hello.dll, version 1.2.3\n  registered: routing stage Authentik.Plugins.TestPlugins.Hello.HelloStage; entry point Authentik.Plugins.TestPlugins.Hello.HelloPluginEntry\n",
            result.StandardOutput,
            StringComparison.Ordinal);
        Assert.Contains($"disabled: disabled\n  folder: {Path.Combine(root, "disabled")}\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"not-an-assembly: failed\n  folder: {Path.Combine(root, "not-an-assembly")}\n  assembly: Garbage.dll, version unknown\n  error: 'Garbage.dll' cannot be loaded as a .NET assembly: BadImageFormatException:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("throwing-constructor: loaded with errors\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  error: the routing stage Authentik.Plugins.TestPlugins.Throwing.ThrowingStage could not be created: InvalidOperationException: The throwing stage cannot start.\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("incompatible-contract: loaded with errors\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("missing-dependency: loaded with errors\n", result.StandardOutput, StringComparison.Ordinal);
    }

    private async Task AssertHostServesAsync()
    {
        using var response = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/still-serving"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/still-serving", (await BackendEcho.ReadAsync(response)).Path);
    }
}
