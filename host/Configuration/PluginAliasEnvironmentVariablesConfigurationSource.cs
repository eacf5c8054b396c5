using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.Host.Configuration;

/// <summary>Source of <see cref="PluginAliasEnvironmentVariablesConfigurationProvider"/>.</summary>
internal sealed class PluginAliasEnvironmentVariablesConfigurationSource : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new PluginAliasEnvironmentVariablesConfigurationProvider();
}
