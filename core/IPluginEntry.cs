namespace Authentik.Plugins;

/// <summary>
/// Optional entry point of a plugin assembly. The host creates one instance of each public
/// non-abstract implementation it finds, with a parameterless constructor, and calls
/// <see cref="ConfigureServices"/> before it builds its service container.
/// </summary>
/// <remarks>
/// Routing stages (<see cref="Routing.IRoutingStage"/>) and deployment integrations
/// (<see cref="Deployment.IDeploymentIntegration"/>) that a plugin assembly contains are
/// registered by the host without an entry point; an entry point adds the services they depend on.
/// </remarks>
public interface IPluginEntry
{
    /// <summary>Registers the plugin's services.</summary>
    /// <param name="context">The service collection and the plugin's configuration section.</param>
    void ConfigureServices(PluginServiceContext context);
}
