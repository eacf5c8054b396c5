using Authentik.Plugins.StaticFiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the services of the static-files routing stage.</summary>
public static class StaticFilesServiceCollectionExtensions
{
    private const string MediaBackendKey = "storage:media:backend";
    private const string MediaFilePathKey = "storage:media:file:path";
    private const string LegacyMediaPathKey = "paths:media";
    private const string FileMediaBackend = "file";
    private const string DefaultMediaPath = "./media";

    /// <summary>
    /// Binds <see cref="StaticFilesOptions"/> from the plugin's section, fills the media settings
    /// from authentik's own keys when the section leaves them unset, and validates the result.
    /// </summary>
    /// <remarks>
    /// Invalid settings make the stage's constructor throw, so the host leaves the stage out and
    /// reports the plugin as failed with every message, and keeps serving.
    /// </remarks>
    /// <param name="services">The host's service collection.</param>
    /// <param name="pluginConfiguration">The <c>plugins:static-files</c> section.</param>
    /// <param name="hostConfiguration">The host's whole configuration, for the media keys.</param>
    public static IServiceCollection AddStaticFilesStage(
        this IServiceCollection services,
        IConfiguration pluginConfiguration,
        IConfiguration hostConfiguration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(pluginConfiguration);
        ArgumentNullException.ThrowIfNull(hostConfiguration);

        services.AddOptions<StaticFilesOptions>()
            .Bind(pluginConfiguration)
            .PostConfigure(options => ApplyMediaDefaults(options, hostConfiguration));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StaticFilesOptions>, StaticFilesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        return services;
    }

    private static void ApplyMediaDefaults(StaticFilesOptions options, IConfiguration hostConfiguration)
    {
        options.MediaPath ??= NonEmpty(hostConfiguration[MediaFilePathKey])
            ?? NonEmpty(hostConfiguration[LegacyMediaPathKey])
            ?? DefaultMediaPath;

        var backend = NonEmpty(hostConfiguration[MediaBackendKey]) ?? FileMediaBackend;
        options.ServeMedia ??= string.Equals(backend, FileMediaBackend, StringComparison.OrdinalIgnoreCase);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
