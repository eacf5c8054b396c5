using Authentik.Plugins.Host.Commands;
using Authentik.Plugins.Host.Outposts;
using Authentik.Plugins.Outposts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the outposts, their source and the provider lookup.</summary>
internal static class OutpostsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the outpost snapshot (<see cref="IOutpostConfigProvider"/>), the provider lookup
    /// (<see cref="IProviderLookup"/>, replacing any earlier registration), the source chosen by
    /// <c>outposts:source</c>, the local state and its poller, and the <c>outposts</c> command.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's whole configuration.</param>
    public static IServiceCollection AddAuthentikOutposts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<OutpostsOptions>()
            .Bind(configuration.GetSection(OutpostsOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutpostsOptions>, OutpostsOptionsValidator>());
        services.AddLocalStateStore(configuration);

        services.TryAddSingleton<OutpostSnapshotStore>();
        services.Replace(ServiceDescriptor.Singleton<IOutpostConfigProvider>(provider => provider.GetRequiredService<OutpostSnapshotStore>()));
        services.Replace(ServiceDescriptor.Singleton<IProviderLookup>(provider => provider.GetRequiredService<OutpostSnapshotStore>()));

        services.TryAddSingleton(provider => new AuthentikApiOutpostClient(
            new Uri(configuration["backend:url"] is { Length: > 0 } url ? url : "http://localhost:8000"),
            () => SecretKeyReader.Read(configuration),
            provider.GetRequiredService<IOptions<OutpostsOptions>>().Value.ApiTimeout));

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
}
