using System.Net;
using Authentik.Plugins.Host.Routing;
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

namespace Authentik.Plugins.EmbeddedOutpost.Tests.Support;

/// <summary>
/// A Kestrel server on 127.0.0.1 that routes like the host: outpost paths and query signatures on
/// a provider host, every request of a proxy-mode provider, and the forward-auth endpoints go to
/// the embedded outpost registered by <c>AddEmbeddedOutpost</c>; anything else gets 404.
/// </summary>
internal sealed class OutpostServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OutpostServer(WebApplication app, int port, TestProviderLookup lookup)
    {
        _app = app;
        Port = port;
        Lookup = lookup;
    }

    public int Port { get; }

    public TestProviderLookup Lookup { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<OutpostServer> StartAsync(string dataPath, string backendUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new CollectingLoggerProvider());
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["secret_key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["paths:data"] = dataPath,
            ["backend:url"] = backendUrl,
        });
        var lookup = new TestProviderLookup();
        builder.Services.AddSingleton<IProviderLookup>(lookup);
        builder.Services.AddSingleton<IEmbeddedOutpost, UnconfiguredOutpost>();
        builder.Services.AddEmbeddedOutpost(builder.Configuration);

        var app = builder.Build();
        app.Run(async context =>
        {
            var host = context.Request.Host.Value ?? "";
            context.Features.Set<IRequestOriginFeature>(new TestRequestOrigin(context.Connection.RemoteIpAddress!, context.Request.Scheme, host));
            var match = lookup.Find(host);
            var path = context.Request.Path.Value ?? "";
            var query = context.Request.Query;
            var claimed = path.StartsWith(OutpostConstants.PathPrefix, StringComparison.Ordinal)
                || string.Equals(query["X-authentik-auth-callback"], "true", StringComparison.OrdinalIgnoreCase)
                || string.Equals(query["X-authentik-logout"], "true", StringComparison.OrdinalIgnoreCase)
                || match?.Provider.Mode == ProxyMode.Proxy;
            if (!claimed || (match is null && !path.StartsWith(OutpostConstants.PathPrefix + "/auth/", StringComparison.Ordinal)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsync("not routed to the outpost");
                return;
            }

            var outpost = context.RequestServices.GetRequiredService<IEmbeddedOutpost>();
            await outpost.HandleAsync(new RoutingRequest(context, host, match));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new OutpostServer(app, new Uri(address).Port, lookup);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Stands for the host's default outpost, which <c>AddEmbeddedOutpost</c> must replace.</summary>
    private sealed class UnconfiguredOutpost : IEmbeddedOutpost
    {
        public Task HandleAsync(RoutingRequest request) => throw new InvalidOperationException("AddEmbeddedOutpost did not replace the default outpost.");
    }
}
