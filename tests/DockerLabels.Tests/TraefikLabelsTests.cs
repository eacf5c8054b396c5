namespace Authentik.Plugins.DockerLabels.Tests;

public sealed class TraefikLabelsTests
{
    public static TheoryData<string[], string> Rules => new()
    {
        {
            ["https://app.example.com"],
            "(Host(`app.example.com`)) && PathPrefix(`/outpost.goauthentik.io`)"
        },
        {
            ["https://a.example.com", "http://b.example.com/some/path?query=1#part", "https://c.example.com"],
            "(Host(`a.example.com`) || Host(`b.example.com`) || Host(`c.example.com`)) && PathPrefix(`/outpost.goauthentik.io`)"
        },
        {
            ["https://a.example.com:8443", "http://b.example.com:80", "https://[2001:db8::1]:9443"],
            "(Host(`a.example.com:8443`) || Host(`b.example.com:80`) || Host(`[2001:db8::1]:9443`)) && PathPrefix(`/outpost.goauthentik.io`)"
        },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void BuildRule_ProviderHosts_MatchesAuthentik(string[] externalHosts, string expected)
    {
        var providers = externalHosts.Select((host, index) => TestOutposts.Provider($"p{index}", host)).ToList();

        var rule = TraefikLabels.BuildRule(providers);

        Assert.Equal(expected, rule);
        Assert.DoesNotContain("``", rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoProviders_DisablesTraefikInsteadOfEmptyRule()
    {
        var labels = TraefikLabels.Build("ak-outpost-empty", []);

        Assert.Equal([new KeyValuePair<string, string>("traefik.enable", "false")], labels);
    }

    [Fact]
    public void BuildRule_NoProviders_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => TraefikLabels.BuildRule([]));

        Assert.Equal("A Traefik rule needs at least one provider host. (Parameter 'providers')", exception.Message);
    }

    [Fact]
    public void Build_OneProvider_WritesRouterAndServiceLabels()
    {
        var labels = TraefikLabels.Build("ak-outpost-one", [TestOutposts.Provider("app", "https://app.example.com:8443/")]);

        Assert.Equal(
            [
                new("traefik.enable", "true"),
                new("traefik.http.routers.ak-outpost-one-router.rule", "(Host(`app.example.com:8443`)) && PathPrefix(`/outpost.goauthentik.io`)"),
                new("traefik.http.routers.ak-outpost-one-router.tls", "true"),
                new("traefik.http.routers.ak-outpost-one-router.service", "ak-outpost-one-service"),
                new("traefik.http.services.ak-outpost-one-service.loadbalancer.healthcheck.path", "/outpost.goauthentik.io/ping"),
                new("traefik.http.services.ak-outpost-one-service.loadbalancer.healthcheck.port", "9300"),
                new KeyValuePair<string, string>("traefik.http.services.ak-outpost-one-service.loadbalancer.server.port", "9000"),
            ],
            labels);
    }

    [Theory]
    [InlineData("https://a`) || Host(`evil.example.com", "a`) || Host(`evil.example.com")]
    [InlineData("https://a.example.com`", "a.example.com`")]
    [InlineData("https://a.example.com)", "a.example.com)")]
    [InlineData("https://user:pass@a.example.com", "user:pass@a.example.com")]
    [InlineData("https://a.example.com\"", "a.example.com\"")]
    [InlineData("https:///path", "")]
    public void GetRuleHost_HostThatBreaksRule_IsRejected(string externalHost, string authority)
    {
        var provider = TestOutposts.Provider("bad", externalHost);

        var exception = Assert.Throws<FormatException>(() => TraefikLabels.GetRuleHost(provider));

        Assert.Equal(
            $"Provider 'bad' has external_host '{externalHost}', whose host '{authority}' cannot be used in a Traefik rule; use an http(s) URL whose host contains only letters, digits, '-', '.', '_', an optional IPv6 literal in brackets and an optional ':port'.",
            exception.Message);
    }
}
