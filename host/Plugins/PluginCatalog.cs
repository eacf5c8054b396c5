using System.Reflection;

namespace Authentik.Plugins.Host.Plugins;

/// <summary>Every folder of the plugin directory, in the order the plugins were loaded.</summary>
internal sealed class PluginCatalog
{
    public PluginCatalog(string directory, IReadOnlyList<PluginInfo> plugins)
    {
        Directory = directory;
        Plugins = plugins;
    }

    public string Directory { get; }

    public IReadOnlyList<PluginInfo> Plugins { get; }

    /// <summary>Returns the plugin that <paramref name="assembly"/> was loaded from, or <see langword="null"/>.</summary>
    public PluginInfo? FindByAssembly(Assembly assembly) =>
        Plugins.FirstOrDefault(plugin => plugin.Assembly == assembly);
}
