using Microsoft.Extensions.DependencyInjection;

namespace Authentik.Plugins.DockerLabels;

/// <summary>Registers the settings the Docker integration reads.</summary>
public sealed class DockerLabelsPluginEntry : IPluginEntry
{
    /// <inheritdoc />
    public void ConfigureServices(PluginServiceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        context.Services
            .AddOptions<DockerLabelsOptions>()
            .Bind(context.Configuration)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }
}
