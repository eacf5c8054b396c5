using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.DockerLabels.Tests;

public sealed class ContainerSpecBuilderTests
{
    private const string Version = "2025.8.0";

    [Fact]
    public void Build_ManagedOutpost_HasAuthentikEnvironment()
    {
        var outpost = TestOutposts.Managed("env", "unix:///unused", configure: settings => settings with { AuthentikHostInsecure = true });

        var spec = Build(outpost);

        Assert.Equal(
            [
                new("AUTHENTIK_HOST", "https://auth.example.com"),
                new("AUTHENTIK_INSECURE", "true"),
                new("AUTHENTIK_TOKEN", TestOutposts.Token),
                new KeyValuePair<string, string>("AUTHENTIK_HOST_BROWSER", "https://login.example.com"),
            ],
            spec.Environment);
        Assert.Equal(["AUTHENTIK_HOST=https://auth.example.com", "AUTHENTIK_INSECURE=true", "AUTHENTIK_TOKEN=********", "AUTHENTIK_HOST_BROWSER=https://login.example.com"], spec.FormatEnvironment(maskToken: true));
    }

    [Fact]
    public void Build_NoContainerImage_UsesProxyImageOfVersion()
    {
        var outpost = TestOutposts.Managed("image", "unix:///unused", configure: settings => settings with { ContainerImage = null });

        Assert.Equal("ghcr.io/goauthentik/proxy:2025.8.0", Build(outpost).Image);
    }

    [Fact]
    public void Build_DefaultNetwork_PublishesProxyPorts()
    {
        var outpost = TestOutposts.Managed("ports", "unix:///unused", configure: settings => settings with { DockerNetwork = null });

        var spec = Build(outpost);

        Assert.Equal(["9000/tcp", "9443/tcp"], spec.PublishedPorts);
        Assert.Null(spec.Network);
    }

    [Theory]
    [InlineData("host")]
    [InlineData("none")]
    public void Build_NetworkWithoutPortBindings_PublishesNothingAndSaysSo(string network)
    {
        var outpost = TestOutposts.Managed("ports", "unix:///unused", configure: settings => settings with { DockerNetwork = network });

        var spec = Build(outpost);

        Assert.Empty(spec.PublishedPorts);
        Assert.Equal([$"docker_map_ports is on, but no ports are published on the '{network}' network, where Docker ignores port bindings."], spec.Remarks);
    }

    [Fact]
    public void Build_MapPortsOff_PublishesNothing()
    {
        var outpost = TestOutposts.Managed("ports", "unix:///unused", configure: settings => settings with { DockerNetwork = "outposts", DockerMapPorts = false });

        var spec = Build(outpost);

        Assert.Empty(spec.PublishedPorts);
        Assert.Equal("outposts", spec.Network);
    }

    [Fact]
    public void Build_UserLabels_MergeInAuthentikOrder()
    {
        var uuid = Guid.Parse("11111111-2222-4333-8444-555555555555");
        var userLabels = new Dictionary<string, string>
        {
            ["com.example.team"] = "platform",
            ["traefik.enable"] = "false",
            ["traefik.http.routers.ak-outpost-merge-router.middlewares"] = "ak-auth",
            ["traefik.http.routers.ak-outpost-merge-router.rule"] = "Host(`user.example.com`)",
        };
        var outpost = TestOutposts.Managed("merge", "unix:///unused", configure: settings => settings with { DockerLabels = userLabels }, uuid: uuid);

        var labels = Build(outpost).Labels;

        Assert.Equal(
            [
                new("io.goauthentik.outpost-uuid", "11111111222243338444555555555555"),
                new("io.goauthentik.plugins.managed-by", "authentik-plugins"),
                new("com.example.team", "platform"),
                new("traefik.enable", "true"),
                new("traefik.http.routers.ak-outpost-merge-router.middlewares", "ak-auth"),
                new("traefik.http.routers.ak-outpost-merge-router.rule", "(Host(`app.example.com`)) && PathPrefix(`/outpost.goauthentik.io`)"),
                new("traefik.http.routers.ak-outpost-merge-router.tls", "true"),
                new("traefik.http.routers.ak-outpost-merge-router.service", "ak-outpost-merge-service"),
                new("traefik.http.services.ak-outpost-merge-service.loadbalancer.healthcheck.path", "/outpost.goauthentik.io/ping"),
                new("traefik.http.services.ak-outpost-merge-service.loadbalancer.healthcheck.port", "9300"),
                new KeyValuePair<string, string>("traefik.http.services.ak-outpost-merge-service.loadbalancer.server.port", "9000"),
            ],
            labels);
    }

    [Fact]
    public void Build_InvalidValues_ReportsEveryProblem()
    {
        var userLabels = new Dictionary<string, string>
        {
            [""] = "empty key",
            ["has space"] = "x",
            ["key=value"] = "x",
            ["com.example.newline"] = "a\nb",
            ["io.goauthentik.outpost-uuid"] = "00000000000000000000000000000000",
        };
        var outpost = TestOutposts.Managed(
            "invalid",
            "unix:///unused",
            providers: [TestOutposts.Provider("evil", "https://a`) || Host(`b")],
            configure: settings => settings with { DockerLabels = userLabels, AuthentikHost = "" }) with { Token = null };
        var problems = new List<string>();

        var spec = ContainerSpecBuilder.Build(outpost, Version, problems);

        Assert.Null(spec);
        Assert.Equal(
            [
                "The outpost has no API token; set its 'token' key to the token authentik created for this outpost, which the container receives as AUTHENTIK_TOKEN.",
                "authentik_host is empty; set it to the URL the outpost container reaches authentik at, for example https://authentik.example.com.",
                "docker_labels has the invalid key ''; a label key is not empty and contains no white space, control characters or '='.",
                "docker_labels has the invalid key 'has space'; a label key is not empty and contains no white space, control characters or '='.",
                "docker_labels has the invalid key 'key=value'; a label key is not empty and contains no white space, control characters or '='.",
                "docker_labels has an invalid value for 'com.example.newline'; a label value is a string without control characters.",
                "docker_labels sets 'io.goauthentik.outpost-uuid', which the host uses to find the outpost's container; remove it from docker_labels.",
                "Provider 'evil' has external_host 'https://a`) || Host(`b', whose host 'a`) || Host(`b' cannot be used in a Traefik rule; use an http(s) URL whose host contains only letters, digits, '-', '.', '_', an optional IPv6 literal in brackets and an optional ':port'.",
            ],
            problems);
    }

    [Fact]
    public void Build_NameDockerRejects_ReportsTemplate()
    {
        var outpost = TestOutposts.Managed("日本", "unix:///unused", configure: settings => settings with { ObjectNamingTemplate = "%(name)s" });
        var problems = new List<string>();

        Assert.Null(ContainerSpecBuilder.Build(outpost, Version, problems));
        Assert.Equal(
            ["object_naming_template '%(name)s' gives the container name '', which Docker rejects; a name starts with a letter or digit and contains only letters, digits, '_', '.' and '-'."],
            problems);
    }

    [Fact]
    public void Build_NoProviders_SaysWhyTraefikIsOff()
    {
        var outpost = TestOutposts.Managed("lonely", "unix:///unused", providers: [], configure: settings => settings with { DockerNetwork = null });

        var spec = Build(outpost);

        Assert.Equal("false", spec.Labels["traefik.enable"]);
        Assert.DoesNotContain(spec.Labels.Keys, key => key.StartsWith("traefik.http.", StringComparison.Ordinal));
        Assert.Equal(
            ["No providers are assigned, so traefik.enable is false and no router is written; authentik would write the rule '() && PathPrefix(...)', which Traefik rejects."],
            spec.Remarks);
    }

    private static ContainerSpec Build(OutpostConfig outpost)
    {
        var problems = new List<string>();
        var spec = ContainerSpecBuilder.Build(outpost, Version, problems);
        Assert.Empty(problems);
        return spec!;
    }
}
