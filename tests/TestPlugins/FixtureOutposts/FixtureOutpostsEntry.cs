using Authentik.Plugins.Outposts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace Authentik.Plugins.TestPlugins.FixtureOutposts;

/// <summary>
/// Replaces the host's outpost source with the embedded outpost and the providers listed under
/// <c>providers</c> in the plugin's section, so tests can route requests to provider hosts.
/// </summary>
public sealed class FixtureOutpostsEntry : IPluginEntry
{
    public void ConfigureServices(PluginServiceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var providers = context.Configuration.GetSection("providers").Get<List<FixtureProvider>>() ?? [];
        var outpost = new OutpostConfig
        {
            Name = OutpostConstants.EmbeddedName,
            Uuid = Guid.NewGuid(),
            Managed = OutpostConstants.EmbeddedManagedValue,
            Providers =
            [
                .. providers.Select(provider => new ProxyProviderConfig
                {
                    Name = provider.Name,
                    ExternalHost = provider.ExternalHost,
                    Mode = provider.Mode,
                    CookieDomain = provider.CookieDomain,
                    Oidc = new OidcClientConfig { ClientId = provider.Name, ClientSecret = "unused" },
                }),
            ],
        };
        var snapshot = new OutpostSnapshot([outpost], NullChangeToken.Singleton, revision: 1);
        context.Services.AddSingleton<IOutpostConfigProvider>(new FixedOutpostConfigProvider(snapshot));
    }

    private sealed class FixedOutpostConfigProvider(OutpostSnapshot snapshot) : IOutpostConfigProvider
    {
        public OutpostSnapshot GetSnapshot() => snapshot;
    }
}
