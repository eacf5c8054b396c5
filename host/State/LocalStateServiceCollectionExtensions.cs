using Authentik.Plugins.Host.State;
using Authentik.Plugins.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the host's local state.</summary>
internal static class LocalStateServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ILocalStateStore"/> as an SQLite database at
    /// <c>&lt;paths:data&gt;/state.db</c>, unless another store is registered already.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's whole configuration, for <c>paths:data</c>.</param>
    public static IServiceCollection AddLocalStateStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILocalStateStore>(provider => new SqliteLocalStateStore(
            Path.Combine(DataDirectory.Get(configuration), SqliteLocalStateStore.FileName),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
