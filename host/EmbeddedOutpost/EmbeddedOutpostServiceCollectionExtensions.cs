using System.Net;
using Authentik.Plugins.Host.EmbeddedOutpost;
using Authentik.Plugins.Host.Routing;
using Authentik.Plugins.Host.Security;
using Authentik.Plugins.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the embedded outpost's login, sessions, proxy mode and forward auth.</summary>
internal static class EmbeddedOutpostServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the host's default <see cref="IEmbeddedOutpost"/> with the OpenID Connect outpost,
    /// reading <c>secret_key</c>, <c>paths:data</c> and <c>backend:url</c> from
    /// <paramref name="configuration"/>. Registers the SQLite session store unless another
    /// <see cref="IOutpostSessionStore"/> is registered first.
    /// </summary>
    public static IServiceCollection AddEmbeddedOutpost(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<EmbeddedOutpostOptions>()
            .Configure(options =>
            {
                options.SecretKey = configuration["secret_key"] ?? "";
                options.DataPath = configuration["paths:data"] is { Length: > 0 } data ? data : options.DataPath;
                options.BackendUrl = configuration["backend:url"] is { Length: > 0 } backend ? backend : options.BackendUrl;
            })
            .PostConfigure<IServiceProvider>(UseStoredSecretKey)
            .Validate(options => options.SecretKey.Length > 0,
                "secret_key is empty and the host's secret key store is not registered: set AUTHENTIK_SECRET_KEY, because the embedded outpost signs login state with it.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddHttpForwarder();
        services.AddHttpClient(ProviderClients.BackchannelClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            });

        services.TryAddSingleton<IOutpostSessionStore, SqliteOutpostSessionStore>();
        services.AddHostedService<ExpiredSessionCleanup>();
        services.TryAddSingleton<ProviderClients>();
        services.TryAddSingleton<StateTokens>();
        services.TryAddSingleton<OidcBackchannel>();
        services.TryAddSingleton<SignedInSessionCache>();
        services.TryAddSingleton<OutpostSessions>();
        services.TryAddSingleton<LoginFlow>();
        services.TryAddSingleton<HeaderAuthenticator>();
        services.TryAddSingleton<RequestAuthenticator>();
        services.TryAddSingleton<SkipPaths>();
        services.TryAddSingleton<ProxyModeForwarder>();
        services.TryAddSingleton<ForwardAuthEndpoints>();
        services.Replace(ServiceDescriptor.Singleton<IEmbeddedOutpost, EmbeddedOutpostHandler>());
        return services;
    }

    private static void UseStoredSecretKey(EmbeddedOutpostOptions options, IServiceProvider services)
    {
        // Without a configured key the host generates one into the data directory on first start.
        if (options.SecretKey.Length == 0 && services.GetService<SecretKeyStore>() is { } store)
        {
            options.SecretKey = store.GetSecretKey();
        }
    }
}
