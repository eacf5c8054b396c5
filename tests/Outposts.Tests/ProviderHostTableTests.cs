using Authentik.Plugins.Host.Outposts;
using Microsoft.Extensions.Primitives;

namespace Authentik.Plugins.Outposts.Tests;

public sealed class ProviderHostTableTests
{
    private static ProviderHostTable Build(params OutpostConfig[] outposts) =>
        ProviderHostTable.Build(new OutpostSnapshot(outposts, new CancellationChangeToken(CancellationToken.None), 1));

    private static ProviderHostTable Build(params ProxyProviderConfig[] providers) => Build(TestOutposts.Embedded(providers));

    [Theory]
    [InlineData("whoami.example.com")]
    [InlineData("WhoAmI.Example.COM")]
    public void Find_ExternalHostAnyCase_ReturnsProvider(string host)
    {
        var table = Build(TestOutposts.Provider("whoami", "https://whoami.example.com/"));

        Assert.Equal("whoami", table.Find(host)?.Provider.Name);
        Assert.Equal(OutpostConstants.EmbeddedName, table.Find(host)?.Outpost.Name);
    }

    [Theory]
    [InlineData("app.example.com:8443", "app")]
    [InlineData("app.example.com", null)]
    [InlineData("app.example.com:443", null)]
    [InlineData("plain.example.com", "plain")]
    [InlineData("plain.example.com:8443", null)]
    [InlineData("default.example.com", "default-port")]
    public void Find_Port_MatchesOnlyWhenExternalHostNamesIt(string host, string? expected)
    {
        var table = Build(
            TestOutposts.Provider("app", "https://app.example.com:8443"),
            TestOutposts.Provider("plain", "https://plain.example.com"),
            TestOutposts.Provider("default-port", "https://default.example.com:443"));

        Assert.Equal(expected, table.Find(host)?.Provider.Name);
    }

    [Theory]
    [InlineData("example.com", "domain")]
    [InlineData("app.example.com", "domain")]
    [InlineData("a.b.example.com", "domain")]
    [InlineData("APP.EXAMPLE.COM", "domain")]
    [InlineData("app.example.com:9443", "domain")]
    [InlineData("evil-example.com", null)]
    [InlineData("evilexample.com", null)]
    [InlineData("example.com.evil.net", null)]
    [InlineData("com", null)]
    [InlineData("", null)]
    public void Find_ForwardDomain_MatchesOnLabelBoundary(string host, string? expected)
    {
        var table = Build(TestOutposts.Provider("domain", "https://auth.example.com", ProxyMode.ForwardDomain, ".example.com"));

        Assert.Equal(expected, table.Find(host)?.Provider.Name);
    }

    [Theory]
    [InlineData("a.apps.example.com", "apps")]
    [InlineData("apps.example.com", "apps")]
    [InlineData("a.example.com", "root")]
    [InlineData("x.deep.apps.example.com", "deep")]
    public void Find_NestedCookieDomains_LongestWins(string host, string expected)
    {
        var table = Build(
            TestOutposts.Provider("root", "https://auth.example.com", ProxyMode.ForwardDomain, "example.com"),
            TestOutposts.Provider("deep", "https://auth.deep.apps.example.com", ProxyMode.ForwardDomain, "deep.apps.example.com"),
            TestOutposts.Provider("apps", "https://auth.apps.example.com", ProxyMode.ForwardDomain, "apps.example.com"));

        Assert.Equal(expected, table.Find(host)?.Provider.Name);
    }

    [Fact]
    public void Find_SameCookieDomainTwice_FirstListedWins()
    {
        var first = Build(
            TestOutposts.Provider("first", "https://a.example.com", ProxyMode.ForwardDomain, "example.com"),
            TestOutposts.Provider("second", "https://b.example.com", ProxyMode.ForwardDomain, ".EXAMPLE.com"));
        var reversed = Build(
            TestOutposts.Provider("second", "https://b.example.com", ProxyMode.ForwardDomain, ".EXAMPLE.com"),
            TestOutposts.Provider("first", "https://a.example.com", ProxyMode.ForwardDomain, "example.com"));

        Assert.Equal("first", first.Find("app.example.com")?.Provider.Name);
        Assert.Equal("second", reversed.Find("app.example.com")?.Provider.Name);
    }

    [Fact]
    public void Find_ExactHostUnderCookieDomain_ExactMatchWins()
    {
        var table = Build(
            TestOutposts.Provider("domain", "https://auth.example.com", ProxyMode.ForwardDomain, "example.com"),
            TestOutposts.Provider("grafana", "https://grafana.example.com"));

        Assert.Equal("grafana", table.Find("grafana.example.com")?.Provider.Name);
        Assert.Equal("domain", table.Find("auth.example.com")?.Provider.Name);
        Assert.Equal("domain", table.Find("wiki.example.com")?.Provider.Name);
    }

    [Fact]
    public void Find_CookieDomainOfSingleMode_NotUsed()
    {
        var table = Build(TestOutposts.Provider("single", "https://app.example.com", ProxyMode.ForwardSingle, "example.com"));

        Assert.Null(table.Find("other.example.com"));
        Assert.Equal("single", table.Find("app.example.com")?.Provider.Name);
    }

    [Fact]
    public void Find_ProvidersOfDeployedOutpost_NotServed()
    {
        var table = Build(
            TestOutposts.Embedded(TestOutposts.Provider("embedded", "https://a.example.com")),
            TestOutposts.Deployed("edge", TestOutposts.Provider("deployed", "https://b.example.com")));

        Assert.Equal("embedded", table.Find("a.example.com")?.Provider.Name);
        Assert.Null(table.Find("b.example.com"));
    }

    [Theory]
    [InlineData("[::1]:9443", "ipv6")]
    [InlineData("[::1]", null)]
    [InlineData("xn--bcher-kva.example", "idn")]
    [InlineData("127.0.0.1:9000", "ipv4")]
    public void Find_AddressesAndIdn_MatchRequestForm(string host, string? expected)
    {
        var table = Build(
            TestOutposts.Provider("ipv6", "https://[::1]:9443"),
            TestOutposts.Provider("idn", "https://bücher.example"),
            TestOutposts.Provider("ipv4", "http://127.0.0.1:9000"));

        Assert.Equal(expected, table.Find(host)?.Provider.Name);
    }

    [Fact]
    public void Find_InvalidExternalHost_Skipped()
    {
        var table = Build(
            TestOutposts.Provider("bare", "app.example.com"),
            TestOutposts.Provider("valid", "https://valid.example.com"));

        Assert.Equal(1, table.HostCount);
        Assert.Null(table.Find("app.example.com"));
    }

    [Fact]
    public void Find_Lookups_DoNotAllocate()
    {
        var table = Build(
            TestOutposts.Provider("whoami", "https://whoami.example.com"),
            TestOutposts.Provider("domain", "https://auth.example.com", ProxyMode.ForwardDomain, "example.com"));
        string[] hosts = ["WHOAMI.example.com", "a.b.example.com:8443", "evil-example.com", "unknown.test"];
        foreach (var host in hosts)
        {
            table.Find(host);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            foreach (var host in hosts)
            {
                table.Find(host);
            }
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
