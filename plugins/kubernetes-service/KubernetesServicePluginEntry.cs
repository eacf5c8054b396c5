using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Authentik.Plugins.KubernetesService;

/// <summary>
/// Registers what <see cref="KubernetesServiceIntegration"/> depends on: its options, bound from
/// the plugin's configuration section and validated at start, and a <see cref="TimeProvider"/>.
/// </summary>
public sealed class KubernetesServicePluginEntry : IPluginEntry
{
    /// <inheritdoc/>
    public void ConfigureServices(PluginServiceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        context.Services
            .AddOptions<KubernetesServiceOptions>()
            .Bind(context.Configuration)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        context.Services.TryAddSingleton(TimeProvider.System);
    }
}
