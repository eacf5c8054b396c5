using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.Host.Configuration;

/// <summary>Loads the host's configuration sources in authentik's order.</summary>
internal static class AuthentikConfigurationExtensions
{
    /// <summary>The system-wide configuration file authentik reads.</summary>
    public const string SystemConfigFile = "/etc/authentik/config.yml";

    /// <summary>The configuration file in the working directory that authentik reads.</summary>
    public const string LocalConfigFile = "local.env.yml";

    /// <summary>
    /// Replaces every source of <paramref name="configuration"/> with, from weakest to strongest:
    /// the built-in defaults, <c>/etc/authentik/config.yml</c>, <c>./local.env.yml</c>, the file
    /// named by <c>AUTHENTIK_CONFIG_FILE</c>, then the <c>AUTHENTIK_*</c> environment variables.
    /// A file that is missing or not valid YAML is left out and reported in <paramref name="report"/>.
    /// </summary>
    public static void AddAuthentikConfiguration(this IConfigurationManager configuration, ConfigurationReport report)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(report);

        configuration.Sources.Clear();
        configuration.AddInMemoryCollection(ConfigurationDefaults.Create());

        AddYamlFileIfValid(configuration, SystemConfigFile, required: false, report);
        AddYamlFileIfValid(configuration, Path.GetFullPath(LocalConfigFile), required: false, report);

        var configFile = Environment.GetEnvironmentVariable(ConfigurationKeys.ConfigFileVariable);
        if (!string.IsNullOrEmpty(configFile))
        {
            AddYamlFileIfValid(configuration, Path.GetFullPath(configFile), required: true, report);
        }

        configuration.Add(new PluginAliasEnvironmentVariablesConfigurationSource());
    }

    private static void AddYamlFileIfValid(IConfigurationBuilder configuration, string path, bool required, ConfigurationReport report)
    {
        if (!File.Exists(path))
        {
            if (required)
            {
                report.AddError(
                    ConfigurationKeys.ConfigFile,
                    $"the configuration file '{path}' does not exist; point AUTHENTIK_CONFIG_FILE at an existing YAML file or unset it.");
            }

            return;
        }

        // A YAML file is parsed once on its own first, because a source that fails to load inside
        // the configuration manager would fail again on every reload.
        try
        {
            new ConfigurationBuilder().AddYamlFile(path, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception exception) when (exception is FormatException or InvalidDataException or YamlDotNet.Core.YamlException)
        {
            report.AddError(
                ConfigurationKeys.ConfigFile,
                $"the configuration file '{path}' is not valid YAML ({exception.Message}); fix the file, it was ignored.");
            return;
        }

        // Reloaded on change so that outposts declared in the file apply without a restart. A file
        // that turns invalid or vanishes empties its keys instead of throwing on the watcher thread;
        // the outpost source keeps its last valid outposts when its section disappears that way.
        configuration.AddYamlFile(source =>
        {
            source.Path = path;
            source.Optional = false;
            source.ReloadOnChange = true;
            source.OnLoadException = context => context.Ignore = true;
            source.ResolveFileProvider();
        });
    }
}
