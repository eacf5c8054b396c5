using System.Text.Json.Nodes;
using Authentik.Plugins.Host.EmbeddedOutpost;
using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.EmbeddedOutpost.Tests;

/// <summary><see cref="IdentityHeaders.Build"/> with the user attributes a provider reads.</summary>
public sealed class IdentityHeadersTests
{
    private static readonly ProviderClient Client = CreateClient();

    [Fact]
    public void Build_AdditionalHeaderNamedLikeIdentityHeader_ReplacesIt()
    {
        var headers = IdentityHeaders.Build(Client, Identity(new JsonObject { ["x-AUTHENTIK-username"] = "override" }), null);

        var username = Assert.Single(headers, header => header.Key.Equals("X-authentik-username", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("override", username.Value);
    }

    [Fact]
    public void Build_AdditionalHeaders_AddedOnceEach()
    {
        var headers = IdentityHeaders.Build(Client, Identity(new JsonObject { ["X-Extra"] = "one", ["X-Number"] = 7 }), null);

        Assert.Equal("one", Assert.Single(headers, header => header.Key == "X-Extra").Value);
        Assert.Equal("7", Assert.Single(headers, header => header.Key == "X-Number").Value);
        Assert.Equal(headers.Count, headers.Select(header => header.Key.ToUpperInvariant()).Distinct().Count());
    }

    [Fact]
    public void Build_AdditionalHeaderWithLineBreak_Dropped()
    {
        var headers = IdentityHeaders.Build(Client, Identity(new JsonObject { ["X-Split"] = "a\r\nX-Injected: b" }), null);

        Assert.DoesNotContain(headers, header => header.Key == "X-Split");
    }

    private static OutpostIdentity Identity(JsonObject additionalHeaders) => new(
        new JsonObject
        {
            ["sub"] = "alice",
            ["preferred_username"] = "alice",
            ["ak_proxy"] = new JsonObject { ["user_attributes"] = new JsonObject { ["additionalHeaders"] = additionalHeaders } },
        },
        null);

    private static ProviderClient CreateClient()
    {
        var provider = new ProxyProviderConfig
        {
            Name = "app",
            ExternalHost = "https://app.headers.test",
            Mode = ProxyMode.Proxy,
            Oidc = new OidcClientConfig { ClientId = "client-app", ClientSecret = OutpostFixture.ClientSecret },
        };
        var outpost = new OutpostConfig { Name = "headers outpost", Uuid = Guid.NewGuid(), Providers = [provider] };
        return new ProviderClient(outpost, provider, new EmbeddedOutpostOptions { SecretKey = "identity-headers-test-secret" }, new HttpClient());
    }
}
