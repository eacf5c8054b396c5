using Authentik.Plugins.Host.Commands;
using Authentik.Plugins.Host.Configuration;
using Authentik.Plugins.Host.Routing;
using Authentik.Plugins.Host.Outposts;
using Authentik.Plugins.Host.Security;
using Authentik.Plugins.Outposts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the outposts, their source and the provider lookup.</summary>
internal static class OutpostsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the snapshot store as <see cref="IOutpostConfigProvider"/> and
    /// <see cref="IProviderLookup"/> in place of the host's stand-ins; an outpost source that a
    /// plugin registered keeps precedence. Also registers the source chosen by
    /// <c>outposts:source</c>, the local state and its poller, and the <c>outposts</c> command.
    /// </summary>
    /// <param name="services">The host's services; <see cref="HostSettings"/> and <see cref="SecretKeyStore"/> must be among them.</param>
    /// <param name="configuration">The host's whole configuration.</param>
    public static IServiceCollection AddAuthentikOutposts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<OutpostsOptions>()
            .Bind(configuration.GetSection(OutpostsOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutpostsOptions>, OutpostsOptionsValidator>());
        services.AddLocalStateStore();

        services.TryAddSingleton<OutpostSnapshotStore>();
        ReplaceHostDefaults(services);

        services.TryAddSingleton(provider =>
        {
            var secretKeys = provider.GetRequiredService<SecretKeyStore>();
            return new AuthentikApiOutpostClient(
                provider.GetRequiredService<HostSettings>().BackendUrl,
                () => ReadSecretKey(secretKeys),
                provider.GetRequiredService<IOptions<OutpostsOptions>>().Value.ApiTimeout);
        });

        // The state poller starts first, so the first snapshot of either source already carries
        // the stored authentik_host values.
        services.TryAddSingleton<OutpostStateSynchronizer>();
        services.AddHostedService(provider => provider.GetRequiredService<OutpostStateSynchronizer>());
        if (string.Equals(configuration["outposts:source"], OutpostsOptions.ApiSource, StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton<ApiOutpostSource>();
            services.AddHostedService(provider => provider.GetRequiredService<ApiOutpostSource>());
        }
        else
        {
            services.TryAddSingleton<FileOutpostSource>();
            services.AddHostedService(provider => provider.GetRequiredService<FileOutpostSource>());
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostCommand, OutpostsCommand>());
        return services;
    }

    // Plugins register their services before the host, so an outpost source from a plugin wins.
    // Only the host's stand-ins are replaced: then the snapshot store serves the outposts and,
    // unless a plugin supplies its own, the provider lookup from the same atomically swapped state.
    private static void ReplaceHostDefaults(IServiceCollection services)
    {
        if (!IsUnsetOrHostDefault<IOutpostConfigProvider, EmbeddedOnlyOutpostConfigProvider>(services))
        {
            return;
        }

        services.RemoveAll<IOutpostConfigProvider>();
        services.AddSingleton<IOutpostConfigProvider>(provider => provider.GetRequiredService<OutpostSnapshotStore>());
        if (IsUnsetOrHostDefault<IProviderLookup, SnapshotProviderLookup>(services))
        {
            services.RemoveAll<IProviderLookup>();
            services.AddSingleton<IProviderLookup>(provider => provider.GetRequiredService<OutpostSnapshotStore>());
        }
    }

    private static bool IsUnsetOrHostDefault<TService, THostDefault>(IServiceCollection services) =>
        services.Where(descriptor => descriptor.ServiceType == typeof(TService))
            .All(descriptor => descriptor.ImplementationType == typeof(THostDefault));

    private static string ReadSecretKey(SecretKeyStore secretKeys)
    {
        try
        {
            return secretKeys.GetSecretKey();
        }
        catch (InvalidOperationException exception)
        {
            throw new AuthentikApiException(exception.Message, null, exception);
        }
    }
}
