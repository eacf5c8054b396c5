using Microsoft.Extensions.DependencyInjection;

namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// Entry point of the static-files plugin: registers the settings that the
/// <see cref="StaticFilesStage"/> reads. The host registers the stage itself.
/// </summary>
public sealed class StaticFilesPluginEntry : IPluginEntry
{
    /// <inheritdoc />
    public void ConfigureServices(PluginServiceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        context.Services.AddStaticFilesStage(context.Configuration, context.HostConfiguration);
    }
}
