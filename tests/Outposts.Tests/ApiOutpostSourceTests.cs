using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Authentik.Plugins.Host.Outposts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.Outposts.Tests;

public sealed class ApiOutpostSourceTests : IAsyncLifetime, IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private FakeAuthentikBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await FakeAuthentikBackend.StartAsync();

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    public void Dispose() => _logs.Dispose();

    private AuthentikApiOutpostClient CreateClient(string secretKey = FakeAuthentikBackend.SecretKey, double timeoutSeconds = 30) =>
        new(_backend.BaseUrl, () => secretKey, TimeSpan.FromSeconds(timeoutSeconds));

    private (ApiOutpostSource Source, OutpostSnapshotStore Store) CreateSource(AuthentikApiOutpostClient client)
    {
        var factory = _logs.CreateFactory();
        var store = new OutpostSnapshotStore(factory.CreateLogger<OutpostSnapshotStore>());
        var options = Options.Create(new OutpostsOptions
        {
            ApiRetryDelay = TimeSpan.FromMilliseconds(100),
            ApiRetryMaxDelay = TimeSpan.FromMilliseconds(400),
        });
        return (new ApiOutpostSource(client, store, options, TimeProvider.System, factory.CreateLogger<ApiOutpostSource>()), store);
    }

    private static JsonObject[] Providers(int count) => Enumerable.Range(1, count)
        .Select(pk => FakeAuthentikBackend.CreateProvider(pk, string.Create(CultureInfo.InvariantCulture, $"app{pk}"), string.Create(CultureInfo.InvariantCulture, $"https://app{pk}.example.com")))
        .ToArray();

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 600 && !condition(); attempt++)
        {
            await Task.Delay(100);
        }
    }

    private void AssertSecretKeyNeverLogged() =>
        Assert.DoesNotContain(_logs.Entries, entry => entry.Message.Contains(FakeAuthentikBackend.SecretKey, StringComparison.Ordinal) ||
            (entry.Exception?.ToString().Contains(FakeAuthentikBackend.SecretKey, StringComparison.Ordinal) ?? false));

    [Fact]
    public async Task FetchAsync_ThreePages_ReadsEveryProvider()
    {
        _backend.Providers = Providers(230);
        using var client = CreateClient();

        var result = await client.FetchAsync(CancellationToken.None);

        Assert.True(result.Report.IsValid);
        var outpost = Assert.Single(result.Outposts);
        Assert.Equal(230, outpost.Providers.Count);
        Assert.Equal("app230", outpost.Providers[^1].Name);
        Assert.Equal(
        [
            "/api/v3/outposts/instances/",
            "/api/v3/outposts/proxy/?page=1&page_size=100",
            "/api/v3/outposts/proxy/?page=2&page_size=100",
            "/api/v3/outposts/proxy/?page=3&page_size=100",
        ],
        _backend.Requests.Select(request => request.PathAndQuery));
        Assert.All(_backend.Requests, request => Assert.Equal("Bearer " + FakeAuthentikBackend.SecretKey, request.Authorization));
        Assert.All(_backend.Requests, request => Assert.Equal("goauthentik.io/outpost/" + AuthentikCompatibility.Version, request.UserAgent));
    }

    [Fact]
    public async Task FetchAsync_DocumentedJson_MapsFieldsWithoutWarnings()
    {
        _backend.Providers = [FakeAuthentikBackend.CreateProvider(4, "grafana", "https://grafana.example.com"), FakeAuthentikBackend.CreateProvider(5, "domain", "https://auth.example.com", "forward_domain")];
        _backend.Providers[1]["cookie_domain"] = "example.com";
        using var client = CreateClient();

        var result = await client.FetchAsync(CancellationToken.None);

        Assert.Empty(result.Report.Errors);
        Assert.Empty(result.Report.Warnings);
        var outpost = Assert.Single(result.Outposts);
        Assert.True(outpost.IsEmbedded);
        Assert.Equal(Guid.Parse("3c7a2a4e-2f3a-4e0b-9a57-7c4f9a0f1b22"), outpost.Uuid);
        Assert.Equal("https://auth.example.com", outpost.Settings.AuthentikHost);
        Assert.Equal("authentik", outpost.Settings.KubernetesNamespace);
        var grafana = outpost.Providers[0];
        Assert.Equal(4, grafana.Pk);
        Assert.Equal("http://grafana:8080", grafana.InternalHost);
        Assert.Equal(ProxyMode.Proxy, grafana.Mode);
        Assert.Equal(TimeSpan.FromDays(1), grafana.AccessTokenValidity);
        Assert.Equal("client-grafana", grafana.Oidc.ClientId);
        Assert.Equal("client-secret-grafana", grafana.Oidc.ClientSecret);
        Assert.Equal("http://0.0.0.0:9000/application/o/grafana/", grafana.Oidc.Issuer);
        Assert.Equal("http://0.0.0.0:9000/application/o/grafana/jwks/", grafana.Oidc.JwksUri);
        Assert.Equal(["openid", "profile", "email", "entitlements", "ak_proxy"], grafana.Oidc.Scopes);
        Assert.Equal("cookie-secret-grafana", grafana.CookieSecret);
        Assert.Equal("GRAFANA", grafana.ApplicationName);
        Assert.Null(grafana.Certificate);
        Assert.Equal(ProxyMode.ForwardDomain, outpost.Providers[1].Mode);
        Assert.Equal("example.com", outpost.Providers[1].CookieDomain);
    }

    [Fact]
    public async Task FetchAsync_BareAuthentikHost_IgnoredWithWarning()
    {
        _backend.Outpost = FakeAuthentikBackend.CreateOutpost(authentikHost: "auth.example.com");
        using var client = CreateClient();

        var result = await client.FetchAsync(CancellationToken.None);

        Assert.True(result.Report.IsValid);
        Assert.Equal("", Assert.Single(result.Outposts).Settings.AuthentikHost);
        Assert.Equal(
            ["outpost 'authentik Embedded Outpost': authentik_host 'auth.example.com' is not a full URL; set it to https://auth.example.com (scheme and host, optional port). authentik stores this value, so it is ignored until it is fixed there or set with the outposts set command."],
            result.Report.Warnings.Select(problem => problem.ToString()));
    }

    [Fact]
    public async Task FetchAsync_WrongSecretKey_ReportsRejection()
    {
        using var client = CreateClient(secretKey: "other-key");

        var exception = await Assert.ThrowsAsync<AuthentikApiException>(() => client.FetchAsync(CancellationToken.None));

        Assert.True(exception.IsSecretKeyRejected);
        Assert.Equal($"GET {_backend.BaseUrl}api/v3/outposts/instances/ returned 403 Forbidden.", exception.Message);
    }

    [Fact]
    public async Task FetchAsync_SlowAnswer_TimesOut()
    {
        _backend.DelayQueue.Enqueue(TimeSpan.FromSeconds(30));
        using var client = CreateClient(timeoutSeconds: 0.5);

        var exception = await Assert.ThrowsAsync<AuthentikApiException>(() => client.FetchAsync(CancellationToken.None));

        Assert.False(exception.IsSecretKeyRejected);
        Assert.Equal($"GET {_backend.BaseUrl}api/v3/outposts/instances/ timed out after 0.5 s.", exception.Message);
    }

    [Fact]
    public async Task FetchAsync_NoOutpostListed_Fails()
    {
        _backend.Outpost = null;
        using var client = CreateClient();

        var exception = await Assert.ThrowsAsync<AuthentikApiException>(() => client.FetchAsync(CancellationToken.None));

        Assert.Equal($"{_backend.BaseUrl}api/v3/outposts/instances/ listed no outpost; the backend has no embedded outpost for this secret key.", exception.Message);
    }

    [Fact]
    public async Task Source_BackendStarting_RetriesWithBackOff()
    {
        _backend.Providers = Providers(2);
        _backend.FailureQueue.Enqueue(HttpStatusCode.BadGateway);
        _backend.FailureQueue.Enqueue(HttpStatusCode.ServiceUnavailable);
        _backend.DelayQueue.Enqueue(TimeSpan.Zero);
        _backend.DelayQueue.Enqueue(TimeSpan.Zero);
        _backend.DelayQueue.Enqueue(TimeSpan.FromSeconds(30));
        using var client = CreateClient(timeoutSeconds: 1);
        var (source, store) = CreateSource(client);
        using var _ = source;

        await source.StartAsync(CancellationToken.None);
        await WaitForAsync(() => store.Find("app2.example.com") is not null);
        await source.StopAsync(CancellationToken.None);

        Assert.Equal("app2", store.Find("app2.example.com")?.Provider.Name);
        var retries = _logs.WithEventId(1222);
        Assert.Equal(3, retries.Count);
        Assert.Equal(
            $"Reading the outpost configuration from the authentik backend at {_backend.BaseUrl} failed (attempt 1); retrying in 00:00:00.1000000. GET {_backend.BaseUrl}api/v3/outposts/instances/ returned 502 Bad Gateway.",
            retries[0].Message);
        Assert.Contains("(attempt 2); retrying in 00:00:00.2000000.", retries[1].Message, StringComparison.Ordinal);
        Assert.Contains("(attempt 3); retrying in 00:00:00.4000000.", retries[2].Message, StringComparison.Ordinal);
        Assert.EndsWith("timed out after 1 s.", retries[2].Message, StringComparison.Ordinal);
        Assert.Single(_logs.WithEventId(1220));
        AssertSecretKeyNeverLogged();
    }

    [Fact]
    public async Task Source_SecretKeyMismatch_LogsMismatchAndKeepsSnapshot()
    {
        using var client = CreateClient(secretKey: "not-the-backend-key");
        var (source, store) = CreateSource(client);
        using var _ = source;

        await source.StartAsync(CancellationToken.None);
        await WaitForAsync(() => _logs.WithEventId(1221).Count >= 2);
        await source.StopAsync(CancellationToken.None);

        var entry = _logs.WithEventId(1221)[0];
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal(
            $"The authentik backend at {_backend.BaseUrl} rejected the secret key with status 403: this host and the backend use different secret keys; set the same AUTHENTIK_SECRET_KEY on both. Retrying in 00:00:00.1000000. GET {_backend.BaseUrl}api/v3/outposts/instances/ returned 403 Forbidden.",
            entry.Message);
        Assert.Equal(0, store.GetSnapshot().Revision);
        Assert.DoesNotContain(_logs.Entries, logged => logged.Message.Contains("not-the-backend-key", StringComparison.Ordinal));
        AssertSecretKeyNeverLogged();
    }

    [Fact]
    public async Task RefreshOnceAsync_InvalidAnswer_KeepsLastGoodAndLogsErrors()
    {
        _backend.Providers = Providers(2);
        using var client = CreateClient();
        var (source, store) = CreateSource(client);
        using var _ = source;
        await source.RefreshOnceAsync(CancellationToken.None);
        var good = store.GetSnapshot();

        _backend.Providers = Providers(2);
        _backend.Providers[1]["external_host"] = "app2.example.com";
        _backend.Providers[0]["mode"] = "sidecar";
        await source.RefreshOnceAsync(CancellationToken.None);

        Assert.Same(good, store.GetSnapshot());
        Assert.Equal(
        [
            "provider 'app1' of outpost 'authentik Embedded Outpost', key mode: mode 'sidecar' is unknown; set it to proxy, forward_single or forward_domain.",
            "provider 'app2' of outpost 'authentik Embedded Outpost', key external_host: external_host 'app2.example.com' is not an absolute http(s) URL; set it to the URL users open, for example https://app2.example.com.",
        ],
        _logs.WithEventId(1224).Select(entry => entry.Message));
        Assert.Equal(
            ["The outpost configuration from the authentik API has 2 errors and was not applied; outpost configuration revision 1 stays active."],
            _logs.WithEventId(1225).Select(entry => entry.Message));
    }

    [Fact]
    public async Task RefreshOnceAsync_UnchangedAnswer_PublishesNoRevision()
    {
        _backend.Providers = Providers(3);
        using var client = CreateClient();
        var (source, store) = CreateSource(client);
        using var _ = source;

        await source.RefreshOnceAsync(CancellationToken.None);
        await source.RefreshOnceAsync(CancellationToken.None);
        _backend.Providers = Providers(4);
        await source.RefreshOnceAsync(CancellationToken.None);

        Assert.Equal(2, store.GetSnapshot().Revision);
        Assert.Equal("app4", store.Find("app4.example.com")?.Provider.Name);
    }

    [Theory]
    [InlineData("seconds=5", 30)]
    [InlineData("minutes=10", 600)]
    [InlineData("seconds=0", 300)]
    public async Task RefreshOnceAsync_RefreshInterval_AtLeastThirtySeconds(string refreshInterval, double expectedSeconds)
    {
        _backend.Outpost = FakeAuthentikBackend.CreateOutpost(refreshInterval);
        using var client = CreateClient();
        var (source, _) = CreateSource(client);
        using var disposable = source;

        var wait = await source.RefreshOnceAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), wait);
    }
}
