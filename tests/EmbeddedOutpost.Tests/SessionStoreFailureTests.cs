using System.Net;
using Authentik.Plugins.EmbeddedOutpost.Tests.Support;
using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.EmbeddedOutpost.Tests;

public sealed class SessionStoreFailureTests
{
    [Fact]
    public async Task Request_StoreUnavailable_DeniedWith503()
    {
        // A regular file where the data directory should be makes every SQLite open fail.
        var notADirectory = Path.GetTempFileName();
        try
        {
            await using var server = await OutpostServer.StartAsync(notADirectory, "http://127.0.0.1:1");
            var outpost = new OutpostConfig { Name = "broken", Uuid = Guid.NewGuid() };
            var provider = new ProxyProviderConfig
            {
                Name = "app",
                ExternalHost = $"http://127.0.0.1:{server.Port}",
                InternalHost = "http://127.0.0.1:1",
                Oidc = new OidcClientConfig { ClientId = "broken-client", ClientSecret = "secret", AuthorizationEndpoint = "http://127.0.0.1:1/auth", TokenEndpoint = "http://127.0.0.1:1/token" },
            };
            server.Lookup.Set([new ProviderMatch(outpost, provider)]);
            using var browser = new BrowserSession();
            using var request = new HttpRequestMessage(HttpMethod.Get, provider.ExternalHost + "/private");
            request.Headers.Add("Cookie", "authentik_proxy_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("broken-client"u8))[..8] + "=some-session");

            using var response = await browser.SendAsync(request);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("The outpost cannot read its sessions right now, so access is denied.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains(CollectingLoggerProvider.Events, entry => entry.Id.Id == 1500);
        }
        finally
        {
            File.Delete(notADirectory);
        }
    }
}
