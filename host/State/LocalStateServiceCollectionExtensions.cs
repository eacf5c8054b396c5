using Authentik.Plugins.Host.Configuration;
using Authentik.Plugins.Host.State;
using Authentik.Plugins.State;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the host's local state.</summary>
internal static class LocalStateServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ILocalStateStore"/> as an SQLite database at
    /// <c>&lt;paths:data&gt;/state.db</c>, unless another store is registered already.
    /// </summary>
    /// <param name="services">The host's services; <see cref="HostSettings"/> must be among them.</param>
    public static IServiceCollection AddLocalStateStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILocalStateStore>(provider => new SqliteLocalStateStore(
            Path.Combine(provider.GetRequiredService<HostSettings>().DataDirectory, SqliteLocalStateStore.FileName),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
