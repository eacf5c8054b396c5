using Authentik.Plugins.Host.Commands;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Authentik.Plugins.Host.Deployment;

/// <summary>Registers outpost deployment: the <c>deploy</c> command and the background reconciler.</summary>
internal static class DeploymentServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>deploy</c> command and a hosted service that applies every
    /// <see cref="Plugins.Deployment.IDeploymentIntegration"/> at start and on each outpost change.
    /// Needs an <see cref="Plugins.Outposts.IOutpostConfigProvider"/> registration.
    /// </summary>
    public static IServiceCollection AddDeployment(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DeploymentRunner>();
        services.TryAddSingleton<CommandOutpostLoader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostCommand, DeployCommand>());
        services.AddHostedService<DeploymentBackgroundService>();

        return services;
    }
}
