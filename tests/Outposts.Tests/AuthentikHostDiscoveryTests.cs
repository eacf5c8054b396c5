using System.Net;
using Authentik.Plugins.Host.Outposts;
using Authentik.Plugins.Host.State;
using Authentik.Plugins.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.Outposts.Tests;

/// <summary>
/// Runs the discovery middleware in a Kestrel server on 127.0.0.1 in front of a stand-in backend
/// that returns the admin dashboard with status 200 for a signed-in session cookie and redirects others
/// to the login flow, as authentik does.
/// </summary>
public sealed class AuthentikHostDiscoveryTests : IAsyncLifetime, IDisposable
{
    private const string SessionCookie = "authentik_session=admin";

    private readonly TemporaryDirectory _directory = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false });
    private WebApplication _app = null!;
    private Uri _baseUrl = null!;

    private OutpostSnapshotStore Store { get; set; } = null!;

    private SqliteLocalStateStore State { get; set; } = null!;

    /// <summary>When set, a test middleware attaches this origin, as the host does for trusted proxies.</summary>
    private TestOrigin? Origin { get; set; }

    public async Task InitializeAsync()
    {
        var factory = _logs.CreateFactory();
        Store = new OutpostSnapshotStore(factory.CreateLogger<OutpostSnapshotStore>());
        State = new SqliteLocalStateStore(_directory.Combine("state.db"), TimeProvider.System);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddProvider(_logs);
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(Store);
        builder.Services.AddSingleton<Authentik.Plugins.State.ILocalStateStore>(State);
        builder.Services.AddSingleton(Options.Create(new OutpostsOptions()));
        _app = builder.Build();
        _app.Use((context, next) =>
        {
            if (Origin is { } origin)
            {
                context.Features.Set<IRequestOriginFeature>(origin);
            }

            return next(context);
        });
        _app.UseAuthentikHostDiscovery();
        _app.Run(context =>
        {
            var signedIn = context.Request.Headers.Cookie.ToString() == SessionCookie;
            context.Response.StatusCode = signedIn ? StatusCodes.Status200OK : StatusCodes.Status302Found;
            if (!signedIn)
            {
                context.Response.Headers.Location = "/flows/-/default/authentication/?next=%2Fif%2Fadmin%2F";
            }

            return Task.CompletedTask;
        });
        await _app.StartAsync();
        _baseUrl = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose()
    {
        _client.Dispose();
        _logs.Dispose();
        _directory.Dispose();
    }

    private async Task<HttpStatusCode> GetAsync(string path, bool signedIn = true, string? forwardedHost = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_baseUrl, path));
        if (signedIn)
        {
            request.Headers.Add("Cookie", SessionCookie);
        }

        if (forwardedHost is not null)
        {
            request.Headers.Add("X-Forwarded-Host", forwardedHost);
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        using var response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    private string Origin0 => _baseUrl.GetLeftPart(UriPartial.Authority);

    private string? EmbeddedAuthentikHost => Store.GetSnapshot().Embedded?.Settings.AuthentikHost;

    private async Task<string?> StoredAuthentikHost() =>
        await State.GetAsync(OutpostStateKeys.AuthentikHostScope, OutpostConstants.EmbeddedName, CancellationToken.None);

    [Fact]
    public async Task Dashboard_SignedIn_StoresOriginOnce()
    {
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/if/admin/"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/if/admin/"));

        Assert.Equal(Origin0, EmbeddedAuthentikHost);
        Assert.Equal(Origin0, await StoredAuthentikHost());
        var logged = Assert.Single(_logs.WithEventId(1270));
        Assert.Equal(LogLevel.Information, logged.Level);
        Assert.Equal(
            $"Outpost 'authentik Embedded Outpost' had no valid authentik_host; set it to {Origin0}, the origin of the first admin dashboard request, and stored it in the local state.",
            logged.Message);
    }

    [Fact]
    public async Task Dashboard_RedirectedToLogin_StoresNothing()
    {
        Assert.Equal(HttpStatusCode.Found, await GetAsync("/if/admin/", signedIn: false));

        Assert.Equal("", EmbeddedAuthentikHost);
        Assert.Null(await StoredAuthentikHost());
    }

    [Theory]
    [InlineData("/if/admin/assets/main.js")]
    [InlineData("/if/user/")]
    [InlineData("/if/administrator/")]
    [InlineData("/")]
    public async Task OtherPath_SignedIn_StoresNothing(string path)
    {
        Assert.Equal(HttpStatusCode.OK, await GetAsync(path));

        Assert.Equal("", EmbeddedAuthentikHost);
        Assert.Null(await StoredAuthentikHost());
    }

    [Fact]
    public async Task Dashboard_WithoutSlash_StoresOrigin()
    {
        await GetAsync("/if/admin");

        Assert.Equal(Origin0, EmbeddedAuthentikHost);
    }

    [Fact]
    public async Task Dashboard_ValidValueConfigured_NeverReplaced()
    {
        Store.PublishOutposts([TestOutposts.Embedded() with { Settings = new OutpostSettings { AuthentikHost = "https://configured.example.com" } }]);

        await GetAsync("/if/admin/");

        Assert.Equal("https://configured.example.com", EmbeddedAuthentikHost);
        Assert.Null(await StoredAuthentikHost());
        Assert.Empty(_logs.WithEventId(1270));
    }

    [Fact]
    public async Task Dashboard_ValueWithoutScheme_Replaced()
    {
        Store.PublishOutposts([TestOutposts.Embedded() with { Settings = new OutpostSettings { AuthentikHost = "auth.example.com" } }]);

        await GetAsync("/if/admin/");

        Assert.Equal(Origin0, EmbeddedAuthentikHost);
    }

    [Fact]
    public async Task Dashboard_UntrustedForwardedHost_UsesHostHeader()
    {
        await GetAsync("/if/admin/", forwardedHost: "evil.example.net");

        Assert.Equal(Origin0, EmbeddedAuthentikHost);
        Assert.Equal(Origin0, await StoredAuthentikHost());
    }

    [Fact]
    public async Task Dashboard_TrustedProxyOrigin_UsesForwardedSchemeAndHost()
    {
        Origin = new TestOrigin("https", "auth.example.com:8443", IsTrustedProxy: true);

        await GetAsync("/if/admin/", forwardedHost: "auth.example.com:8443");

        Assert.Equal("https://auth.example.com:8443", EmbeddedAuthentikHost);
    }

    [Theory]
    [InlineData("auth.example.com/path")]
    [InlineData("user@auth.example.com")]
    [InlineData("")]
    public async Task Dashboard_OriginNotAUrl_StoresNothing(string host)
    {
        Origin = new TestOrigin("https", host, IsTrustedProxy: true);

        await GetAsync("/if/admin/");

        Assert.Equal("", EmbeddedAuthentikHost);
        Assert.Null(await StoredAuthentikHost());
    }

    [Fact]
    public async Task Dashboard_StoredValue_SurvivesRestart()
    {
        await GetAsync("/if/admin/");
        var restarted = new OutpostSnapshotStore(_logs.CreateFactory().CreateLogger<OutpostSnapshotStore>());
        var reopened = new SqliteLocalStateStore(_directory.Combine("state.db"), TimeProvider.System);
        using var synchronizer = new OutpostStateSynchronizer(reopened, restarted, Options.Create(new OutpostsOptions()), TimeProvider.System, _logs.CreateFactory().CreateLogger<OutpostStateSynchronizer>());

        await synchronizer.SynchronizeAsync(CancellationToken.None);

        Assert.Equal(Origin0, restarted.GetSnapshot().Embedded?.Settings.AuthentikHost);
    }

    private sealed record TestOrigin(string Scheme, string Host, bool IsTrustedProxy) : IRequestOriginFeature
    {
        public IPAddress ClientAddress => IPAddress.Loopback;
    }
}
