using Authentik.Plugins.Deployment;
using Authentik.Plugins.Host.Routing;
using Authentik.Plugins.Routing;

namespace Authentik.Plugins.Host.Plugins;

/// <summary>
/// Creates the stages and integrations that plugins registered, one at a time, so that a
/// constructor that throws takes out only its own component; the failure is recorded on the plugin.
/// </summary>
internal sealed partial class PluginActivator
{
    private readonly IServiceProvider _services;
    private readonly PluginCatalog _catalog;
    private readonly ILogger<PluginActivator> _logger;

    public PluginActivator(IServiceProvider services, PluginCatalog catalog, ILogger<PluginActivator> logger)
    {
        _services = services;
        _catalog = catalog;
        _logger = logger;
    }

    /// <summary>Creates every routing stage of every loaded plugin, in folder order, then the stages registered in the host's own services.</summary>
    public List<StageRegistration> CreateStages()
    {
        var stages = new List<StageRegistration>();
        foreach (var plugin in _catalog.Plugins)
        {
            foreach (var type in plugin.StageTypes)
            {
                if (TryCreateStage(plugin, type) is { } stage)
                {
                    stages.Add(new StageRegistration(stage, $"plugin '{plugin.Name}'"));
                }
            }
        }

        try
        {
            stages.AddRange(_services.GetServices<IRoutingStage>().Select(stage => new StageRegistration(stage, StageRegistration.HostSource)));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.HostStageFailed(_logger, PluginErrors.Describe(exception));
        }

        return stages;
    }

    public IDeploymentIntegration GetIntegration(PluginInfo plugin, Type type)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(type);

        try
        {
            return (IDeploymentIntegration)_services.GetRequiredService(type);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var message = $"the deployment integration {type.FullName} could not be created: {PluginErrors.Describe(exception)}";
            plugin.AddError(message);
            Log.PluginComponentFailed(_logger, plugin.Name, plugin.Directory, message);
            return new FailedDeploymentIntegration(plugin.Name, message);
        }
    }

    /// <summary>Logs each plugin: disabled, loaded with what it registered, or failed with every reason.</summary>
    public void LogCatalog()
    {
        if (_catalog.Plugins.Count == 0)
        {
            Log.NoPlugins(_logger, _catalog.Directory);
        }

        foreach (var plugin in _catalog.Plugins)
        {
            if (!plugin.Enabled)
            {
                Log.PluginDisabled(_logger, plugin.Name, plugin.Directory);
                continue;
            }

            foreach (var error in plugin.Errors)
            {
                Log.PluginLoadFailed(_logger, plugin.Name, plugin.Directory, error);
            }

            if (plugin.Assembly is not null)
            {
                var registered = plugin.Registered.Count == 0 ? "nothing" : string.Join(", ", plugin.Registered);
                Log.PluginLoaded(_logger, plugin.Name, plugin.Version ?? "unknown", registered);
            }
        }
    }

    private IRoutingStage? TryCreateStage(PluginInfo plugin, Type type)
    {
        try
        {
            var stage = (IRoutingStage)_services.GetRequiredService(type);

            // Reading the members here lets a stage that throws from them fail now rather than per request.
            _ = stage.Name;
            _ = stage.Destination;
            _ = stage.Placement;
            return stage;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var message = $"the routing stage {type.FullName} could not be created: {PluginErrors.Describe(exception)}";
            plugin.AddError(message);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1120, LogLevel.Information, "Plugin '{Plugin}' {Version} loaded; it registered {Registered}.", EventName = nameof(PluginLoaded))]
        public static partial void PluginLoaded(ILogger logger, string plugin, string version, string registered);

        [LoggerMessage(1121, LogLevel.Error, "Plugin '{Plugin}' in '{Directory}' failed: {Reason}", EventName = nameof(PluginLoadFailed))]
        public static partial void PluginLoadFailed(ILogger logger, string plugin, string directory, string reason);

        [LoggerMessage(1122, LogLevel.Information, "Plugin '{Plugin}' in '{Directory}' is disabled by its 'enabled' setting.", EventName = nameof(PluginDisabled))]
        public static partial void PluginDisabled(ILogger logger, string plugin, string directory);

        [LoggerMessage(1123, LogLevel.Information, "No plugins are loaded: '{Directory}' has no plugin folders.", EventName = nameof(NoPlugins))]
        public static partial void NoPlugins(ILogger logger, string directory);

        [LoggerMessage(1124, LogLevel.Error, "Plugin '{Plugin}' in '{Directory}' failed: {Reason}", EventName = nameof(PluginComponentFailed))]
        public static partial void PluginComponentFailed(ILogger logger, string plugin, string directory, string reason);

        [LoggerMessage(1125, LogLevel.Error, "A routing stage registered by the host could not be created: {Reason}", EventName = nameof(HostStageFailed))]
        public static partial void HostStageFailed(ILogger logger, string reason);
    }
}
