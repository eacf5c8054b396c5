using Authentik.Plugins.Deployment;
using Authentik.Plugins.Host.Plugins;
using Authentik.Plugins.Host.Routing;

namespace Authentik.Plugins.Host.Commands;

/// <summary><c>plugins</c>: prints each plugin folder with its version, what it registered and every load error.</summary>
internal sealed class PluginsCommand : IHostCommand
{
    private readonly PluginCatalog _catalog;
    private readonly IServiceProvider _services;

    public PluginsCommand(PluginCatalog catalog, IServiceProvider services)
    {
        _catalog = catalog;
        _services = services;
    }

    public string Name => "plugins";

    public string Description => "prints each plugin with its folder, version, what it registered and any load error; exits 1 when a plugin failed.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);

        // Creating the stages and integrations records the errors of constructors that throw.
        _ = _services.GetRequiredService<RoutingPipeline>();
        _ = _services.GetServices<IDeploymentIntegration>().ToList();

        await output.WriteLineAsync($"Plugin directory: {_catalog.Directory}");
        if (_catalog.Plugins.Count == 0)
        {
            await output.WriteLineAsync("No plugins.");
            return 0;
        }

        foreach (var plugin in _catalog.Plugins)
        {
            await WritePluginAsync(output, plugin);
        }

        return _catalog.Plugins.Any(plugin => plugin.Errors.Count > 0) ? 1 : 0;
    }

    private static async Task WritePluginAsync(TextWriter output, PluginInfo plugin)
    {
        var state = !plugin.Enabled ? "disabled"
            : plugin.Errors.Count == 0 ? "loaded"
            : plugin.Assembly is null ? "failed"
            : "loaded with errors";

        await output.WriteLineAsync($"{plugin.Name}: {state}");
        await output.WriteLineAsync($"  folder: {plugin.Directory}");
        if (plugin.AssemblyPath is not null)
        {
            await output.WriteLineAsync($"  assembly: {Path.GetFileName(plugin.AssemblyPath)}, version {plugin.Version ?? "unknown"}");
        }

        if (plugin.Enabled && plugin.Assembly is not null)
        {
            var registered = plugin.Registered;
            await output.WriteLineAsync(registered.Count == 0 ? "  registered: nothing" : $"  registered: {string.Join("; ", registered)}");
        }

        foreach (var error in plugin.Errors)
        {
            await output.WriteLineAsync($"  error: {error}");
        }
    }
}
