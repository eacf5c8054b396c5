using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.KubernetesService.Tests;

public sealed class PluginLoadTests : IDisposable
{
    private readonly string _pluginDirectory = Directory.CreateTempSubdirectory("authentik-plugins-kubernetes-").FullName;

    public void Dispose() => Directory.Delete(_pluginDirectory, recursive: true);

    [Fact]
    public async Task PluginsCommand_KubernetesServiceFolder_ListsIntegrationAsLoaded()
    {
        CopyPlugin();
        var options = new HostProcessOptions { PluginDirectory = _pluginDirectory };
        options.Arguments.Add("plugins");
        options.Environment["AUTHENTIK_PLUGINS__KUBERNETES_SERVICE__CONFLICT_ATTEMPTS"] = "7";

        var result = await HostProcess.RunAsync(options);

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}");
        Assert.Contains("kubernetes-service: loaded\n", result.StandardOutput.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("deployment integration Authentik.Plugins.KubernetesService.KubernetesServiceIntegration", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("entry point Authentik.Plugins.KubernetesService.KubernetesServicePluginEntry", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("error:", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_InvalidConflictAttempts_FailsAtStartNamingSetting()
    {
        CopyPlugin();
        var options = new HostProcessOptions { PluginDirectory = _pluginDirectory, StartTimeout = TimeSpan.FromSeconds(60) };
        options.Environment["AUTHENTIK_PLUGINS__KUBERNETES_SERVICE__CONFLICT_ATTEMPTS"] = "0";

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => HostProcess.StartAsync(options));

        Assert.Contains(
            "plugins:kubernetes-service:conflict_attempts (AUTHENTIK_PLUGINS__KUBERNETES_SERVICE__CONFLICT_ATTEMPTS) must be between 1 and 50: it is how many times a Service write is tried after a 409 Conflict.",
            exception.Message,
            StringComparison.Ordinal);
    }

    /// <summary>
    /// Copies only this plugin's folder from the host's plugin directory, which the build filled,
    /// so the result does not depend on the state of the other plugins.
    /// </summary>
    private void CopyPlugin()
    {
        var source = Path.Combine(RepositoryPaths.HostPluginDirectory, "kubernetes-service");
        var target = Path.Combine(_pluginDirectory, "kubernetes-service");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
