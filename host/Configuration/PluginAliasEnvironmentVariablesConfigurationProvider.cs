using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Authentik.Plugins.Host.Configuration;

/// <summary>
/// Reads <c>AUTHENTIK_*</c> environment variables and also offers each plugin key under the
/// folder name with <c>-</c> for <c>_</c>, because environment variable names cannot contain
/// <c>-</c>: <c>AUTHENTIK_PLUGINS__STATIC_FILES__ENABLED</c> sets both
/// <c>plugins:static_files:enabled</c> and <c>plugins:static-files:enabled</c>.
/// </summary>
internal sealed class PluginAliasEnvironmentVariablesConfigurationProvider : EnvironmentVariablesConfigurationProvider
{
    private const string PluginsPrefix = ConfigurationKeys.Plugins + ":";

    public PluginAliasEnvironmentVariablesConfigurationProvider()
        : base(ConfigurationKeys.EnvironmentPrefix)
    {
    }

    public override void Load()
    {
        base.Load();

        var aliases = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in Data)
        {
            if (!key.StartsWith(PluginsPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var folderEnd = key.IndexOf(':', PluginsPrefix.Length);
            var folder = folderEnd < 0 ? key[PluginsPrefix.Length..] : key[PluginsPrefix.Length..folderEnd];
            if (!folder.Contains('_', StringComparison.Ordinal))
            {
                continue;
            }

            var alias = PluginsPrefix + folder.Replace('_', '-') + (folderEnd < 0 ? "" : key[folderEnd..]);
            aliases.Add(new(alias, value));
        }

        foreach (var (alias, value) in aliases)
        {
            Data.TryAdd(alias, value);
        }
    }
}
