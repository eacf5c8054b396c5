using System.Net;
using Authentik.Plugins.Outposts;
using Authentik.Plugins.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.StaticFiles.Tests.Support;

/// <summary>
/// A Kestrel server on 127.0.0.1 with a free port that runs the static stage like the host's
/// routing pipeline: the stage's <see cref="IRoutingStage.Matches"/>, then its handler; requests
/// it does not claim get <c>backend saw {path}</c>, standing for the later stages.
/// </summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    public const string FallThroughPrefix = "backend saw ";

    private readonly WebApplication _app;

    private InProcessHost(WebApplication app, int port)
    {
        _app = app;
        Port = port;
        Client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <param name="pluginSettings">Settings of the <c>plugins:static-files</c> section.</param>
    /// <param name="providerHosts">Hosts that belong to a proxy provider.</param>
    public static async Task<InProcessHost> StartAsync(
        IReadOnlyDictionary<string, string?> pluginSettings,
        IReadOnlyCollection<string> providerHosts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(pluginSettings.Select(setting => KeyValuePair.Create($"plugins:static-files:{setting.Key}", setting.Value)));
        builder.Logging.ClearProviders();

        new StaticFilesPluginEntry().ConfigureServices(new PluginServiceContext(
            "static-files",
            AppContext.BaseDirectory,
            builder.Services,
            builder.Configuration.GetSection("plugins:static-files"),
            builder.Configuration));
        builder.Services.AddSingleton<IRoutingStage, StaticFilesStage>();

        var app = builder.Build();
        var stage = app.Services.GetRequiredService<IRoutingStage>();
        var providers = providerHosts.ToDictionary(host => host, CreateProviderMatch, StringComparer.OrdinalIgnoreCase);
        app.Run(context =>
        {
            var host = context.Request.Host.Value ?? string.Empty;
            var request = new RoutingRequest(context, host, providers.GetValueOrDefault(host));
            if (stage.Matches(request))
            {
                return stage.HandleAsync(request);
            }

            return context.Response.WriteAsync(FallThroughPrefix + context.Request.Path.Value);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        return new InProcessHost(app, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static ProviderMatch CreateProviderMatch(string host)
    {
        var provider = new ProxyProviderConfig
        {
            Name = host,
            ExternalHost = $"http://{host}",
            Oidc = new OidcClientConfig { ClientId = "client", ClientSecret = "not-used" },
        };
        var outpost = new OutpostConfig { Name = "embedded", Uuid = Guid.NewGuid(), Providers = [provider] };

        return new ProviderMatch(outpost, provider);
    }
}
