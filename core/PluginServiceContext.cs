using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Authentik.Plugins;

/// <summary>What a plugin's entry point receives from the host.</summary>
public sealed class PluginServiceContext
{
    /// <summary>Creates the context for one plugin.</summary>
    /// <param name="name">The plugin's folder name.</param>
    /// <param name="directory">The plugin's folder.</param>
    /// <param name="services">The host's service collection.</param>
    /// <param name="configuration">The plugin's own configuration section.</param>
    /// <param name="hostConfiguration">The host's whole configuration.</param>
    public PluginServiceContext(
        string name,
        string directory,
        IServiceCollection services,
        IConfiguration configuration,
        IConfiguration hostConfiguration)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(hostConfiguration);

        Name = name;
        Directory = directory;
        Services = services;
        Configuration = configuration;
        HostConfiguration = hostConfiguration;
    }

    /// <summary>The plugin's folder name, which is also the name of its configuration section.</summary>
    public string Name { get; }

    /// <summary>The plugin's folder.</summary>
    public string Directory { get; }

    /// <summary>The host's service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// The plugin's own configuration section, <c>plugins:&lt;name&gt;</c>; set through the
    /// environment as <c>AUTHENTIK_PLUGINS__&lt;NAME&gt;__&lt;KEY&gt;</c>.
    /// </summary>
    public IConfiguration Configuration { get; }

    /// <summary>The host's whole configuration, for settings shared with authentik.</summary>
    public IConfiguration HostConfiguration { get; }
}
