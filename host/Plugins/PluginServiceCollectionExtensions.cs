using Authentik.Plugins.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.Host.Plugins;

/// <summary>Loads the drop-in plugins into the host's services.</summary>
internal static class PluginServiceCollectionExtensions
{
    /// <summary>
    /// Loads every plugin folder of <c>paths:plugins</c> and registers what the plugins contain.
    /// Runs before the service provider is built, because the provider cannot change afterwards.
    /// </summary>
    public static IServiceCollection AddDropInPlugins(this IServiceCollection services, HostSettings settings, IConfiguration configuration)
    {
        var catalog = PluginDirectoryLoader.Load(settings, configuration, services);
        services.AddSingleton(catalog);
        services.AddSingleton<PluginActivator>();

        return services;
    }
}
