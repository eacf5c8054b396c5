using System.Reflection;
using McMaster.NETCore.Plugins;

namespace Authentik.Plugins.Host.Plugins;

/// <summary>One folder of the plugin directory: what was loaded from it, what it registered, and every error.</summary>
internal sealed class PluginInfo
{
    private readonly List<string> _registered = [];
    private readonly List<string> _errors = [];
    private readonly Lock _lock = new();

    public PluginInfo(string name, string directory, bool enabled)
    {
        Name = name;
        Directory = directory;
        Enabled = enabled;
    }

    /// <summary>The folder name, which is also the plugin's configuration section under <c>plugins</c>.</summary>
    public string Name { get; }

    public string Directory { get; }

    /// <summary>Whether <c>plugins:&lt;name&gt;:enabled</c> left the plugin enabled.</summary>
    public bool Enabled { get; }

    public string? AssemblyPath { get; set; }

    public string? Version { get; set; }

    public Assembly? Assembly { get; set; }

    /// <summary>The loader, kept so its load context lives as long as the host.</summary>
    public PluginLoader? Loader { get; set; }

    public List<Type> StageTypes { get; } = [];

    public List<Type> IntegrationTypes { get; } = [];

    /// <summary>What the plugin registered, such as <c>routing stage HelloStage</c>.</summary>
    public IReadOnlyList<string> Registered
    {
        get
        {
            lock (_lock)
            {
                return [.. _registered];
            }
        }
    }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_lock)
            {
                return [.. _errors];
            }
        }
    }

    public void AddRegistered(string description)
    {
        lock (_lock)
        {
            _registered.Add(description);
        }
    }

    public void AddError(string message)
    {
        lock (_lock)
        {
            _errors.Add(message);
        }
    }
}
