using Authentik.Plugins.Host.Commands;
using Authentik.Plugins.Host.Forwarding;
using Authentik.Plugins.Host.Metrics;
using Authentik.Plugins.Host.Routing;
using Authentik.Plugins.Host.Security;
using Authentik.Plugins.Outposts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Authentik.Plugins.Host.Hosting;

/// <summary>Registers the host's services. Defaults use TryAdd, so services registered earlier by plugins replace them.</summary>
internal static class HostServiceCollectionExtensions
{
    /// <summary>Adds the secret key store and the HTTPS certificate.</summary>
    public static IServiceCollection AddHostSecurity(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SecretKeyStore>();
        services.TryAddSingleton<ServerCertificateProvider>();

        return services;
    }

    /// <summary>
    /// Adds the routing stages and the pipeline, with an outpost source that yields one embedded
    /// outpost with no providers unless another source is registered. The stages need an
    /// <see cref="IEmbeddedOutpost"/>, which <c>AddEmbeddedOutpost</c> registers.
    /// </summary>
    public static IServiceCollection AddRoutingStages(this IServiceCollection services)
    {
        services.TryAddSingleton<IOutpostConfigProvider, EmbeddedOnlyOutpostConfigProvider>();
        services.TryAddSingleton<IProviderLookup, SnapshotProviderLookup>();
        services.TryAddSingleton<OutpostPathsStage>();
        services.TryAddSingleton<ProviderHostsStage>();
        services.TryAddSingleton<CoreStage>();
        services.TryAddSingleton<RequestDurationMetrics>();
        services.TryAddSingleton<RoutingPipeline>();

        return services;
    }

    /// <summary>Adds forwarding to the authentik backend and its health checks.</summary>
    public static IServiceCollection AddBackendForwarding(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.TryAddSingleton<BackendHealth>();
        services.TryAddSingleton<BackendForwarder>();
        services.AddHostedService<BackendHealthMonitor>();

        return services;
    }

    /// <summary>Adds the host's own commands; other components add theirs as further <see cref="IHostCommand"/> services.</summary>
    public static IServiceCollection AddHostCommands(this IServiceCollection services)
    {
        services.AddSingleton<IHostCommand, ConfigCheckCommand>();
        services.AddSingleton<IHostCommand, RoutesCommand>();
        services.AddSingleton<IHostCommand, PluginsCommand>();
        services.TryAddSingleton<HostCommandRunner>();

        return services;
    }
}
