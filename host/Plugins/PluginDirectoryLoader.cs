using System.Reflection;
using Authentik.Plugins.Deployment;
using Authentik.Plugins.Host.Configuration;
using Authentik.Plugins.Routing;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Authentik.Plugins.Host.Plugins;

/// <summary>
/// Loads each subfolder of the plugin directory into its own load context and registers what its
/// assembly contains: routing stages and deployment integrations (through Scrutor), and entry
/// points, which add the services those need. A folder that fails is recorded with the reason
/// and the next folder is loaded.
/// </summary>
internal static class PluginDirectoryLoader
{
    // Assemblies whose types cross the boundary between host and plugin. They always come from the
    // host, so a plugin folder carrying its own copy cannot split a type in two.
    private static readonly Type[] SharedTypes =
    [
        typeof(IRoutingStage),
        typeof(IServiceCollection),
        typeof(ServiceCollectionContainerBuilderExtensions),
        typeof(IConfiguration),
        typeof(ConfigurationBinder),
        typeof(ILogger),
        typeof(LoggerFactory),
        typeof(IOptions<>),
        typeof(OptionsConfigurationServiceCollectionExtensions),
        typeof(IChangeToken),
        typeof(IFileProvider),
        typeof(IHostedService),
        typeof(HttpContext),
        typeof(Microsoft.AspNetCore.Http.Features.IFeatureCollection),
    ];

    public static PluginCatalog Load(HostSettings settings, IConfiguration configuration, IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(services);

        var directory = settings.PluginDirectory;
        var plugins = new List<PluginInfo>();
        if (!Directory.Exists(directory))
        {
            return new PluginCatalog(directory, plugins);
        }

        foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var section = configuration.GetSection($"{ConfigurationKeys.Plugins}:{name}");
            var enabled = !bool.TryParse(section[ConfigurationKeys.PluginEnabled], out var value) || value;
            var plugin = new PluginInfo(name, folder, enabled);
            plugins.Add(plugin);

            if (enabled)
            {
                LoadFolder(plugin, section, configuration, services);
            }
        }

        return new PluginCatalog(directory, plugins);
    }

    private static void LoadFolder(PluginInfo plugin, IConfiguration section, IConfiguration configuration, IServiceCollection services)
    {
        var assemblyPath = FindMainAssembly(plugin);
        if (assemblyPath is null)
        {
            return;
        }

        plugin.AssemblyPath = assemblyPath;
        try
        {
            plugin.Loader = PluginLoader.CreateFromAssemblyFile(assemblyPath, SharedTypes);
            plugin.Assembly = plugin.Loader.LoadDefaultAssembly();
        }
        catch (Exception exception) when (exception is BadImageFormatException or FileLoadException or FileNotFoundException or IOException)
        {
            plugin.AddError($"'{Path.GetFileName(assemblyPath)}' cannot be loaded as a .NET assembly: {PluginErrors.Describe(exception)}");
            return;
        }

        plugin.Version = ReadVersion(plugin.Assembly);
        var types = LoadTypes(plugin);
        RegisterStages(plugin, types, services);
        RegisterIntegrations(plugin, types, services);
        RunEntryPoints(plugin, types, section, configuration, services);
    }

    /// <summary>
    /// Returns the plugin's main assembly: the one named like the folder's only <c>.deps.json</c>
    /// file, else the folder's only <c>.dll</c>.
    /// </summary>
    private static string? FindMainAssembly(PluginInfo plugin)
    {
        var depsFiles = Directory.GetFiles(plugin.Directory, "*.deps.json");
        if (depsFiles.Length == 1)
        {
            var candidate = depsFiles[0][..^".deps.json".Length] + ".dll";
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var assemblies = Directory.GetFiles(plugin.Directory, "*.dll");
        if (assemblies.Length == 1)
        {
            return assemblies[0];
        }

        plugin.AddError(assemblies.Length == 0
            ? "the folder contains no .dll; put the plugin's build output (its .dll and .deps.json) into it."
            : $"the folder contains {assemblies.Length} .dll files but no single <name>.deps.json that names the plugin assembly; keep the plugin's .deps.json beside its .dll.");
        return null;
    }

    private static string ReadVersion(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        var metadata = version.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? version : version[..metadata];
    }

    private static List<Type> LoadTypes(PluginInfo plugin)
    {
        Type?[] types;
        try
        {
            types = plugin.Assembly!.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            // Types that depend on a missing assembly or on contract members the host lacks fail
            // here; the others are still usable.
            types = exception.Types;
            foreach (var message in exception.LoaderExceptions.OfType<Exception>().Select(PluginErrors.Describe).Distinct(StringComparer.Ordinal))
            {
                plugin.AddError($"a type cannot be loaded, so the plugin may be built against another version of Authentik.Plugins.Core or miss a dependency: {message}");
            }
        }

        return [.. types.OfType<Type>().Where(type => type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false })];
    }

    private static void RegisterStages(PluginInfo plugin, List<Type> types, IServiceCollection services)
    {
        plugin.StageTypes.AddRange(types.Where(type => type.IsAssignableTo(typeof(IRoutingStage))));
        if (plugin.StageTypes.Count == 0)
        {
            return;
        }

        // Each stage is registered as its own type, so the host can create them one at a time and
        // leave out only the one whose constructor throws.
        services.Scan(scan => scan.FromTypes(plugin.StageTypes).AddClasses(publicOnly: false).AsSelf().WithSingletonLifetime());
        foreach (var type in plugin.StageTypes)
        {
            plugin.AddRegistered($"routing stage {type.FullName}");
        }
    }

    private static void RegisterIntegrations(PluginInfo plugin, List<Type> types, IServiceCollection services)
    {
        plugin.IntegrationTypes.AddRange(types.Where(type => type.IsAssignableTo(typeof(IDeploymentIntegration))));
        if (plugin.IntegrationTypes.Count == 0)
        {
            return;
        }

        services.Scan(scan => scan.FromTypes(plugin.IntegrationTypes).AddClasses(publicOnly: false).AsSelf().WithSingletonLifetime());
        foreach (var type in plugin.IntegrationTypes)
        {
            services.AddSingleton<IDeploymentIntegration>(provider => provider.GetRequiredService<PluginActivator>().GetIntegration(plugin, type));
            plugin.AddRegistered($"deployment integration {type.FullName}");
        }
    }

    private static void RunEntryPoints(
        PluginInfo plugin,
        List<Type> types,
        IConfiguration section,
        IConfiguration configuration,
        IServiceCollection services)
    {
        foreach (var type in types.Where(type => type.IsAssignableTo(typeof(IPluginEntry))))
        {
            try
            {
                var entry = (IPluginEntry)Activator.CreateInstance(type)!;
                entry.ConfigureServices(new PluginServiceContext(plugin.Name, plugin.Directory, services, section, configuration));
                plugin.AddRegistered($"entry point {type.FullName}");
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // NOTE: services an entry point registered before it threw stay registered.
                plugin.AddError($"the entry point {type.FullName} failed: {PluginErrors.Describe(exception)}");
            }
        }
    }
}
