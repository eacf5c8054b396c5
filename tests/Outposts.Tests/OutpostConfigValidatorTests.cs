using Authentik.Plugins.Host.Outposts;
using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.Outposts.Tests;

public sealed class OutpostConfigValidatorTests
{
    private const string Embedded = "outpost 'authentik Embedded Outpost'";

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)))
            .Build();

    private static (string Key, string Value)[] Provider(int outpost, int index, string name, string externalHost, params (string Key, string Value)[] extra)
    {
        var prefix = $"outposts:instances:{outpost}:providers:{index}:";
        return
        [
            (prefix + "name", name),
            (prefix + "external_host", externalHost),
            (prefix + "client_id", "client-" + name),
            (prefix + "client_secret", "secret-" + name),
            .. extra.Select(pair => (prefix + pair.Key, pair.Value)),
        ];
    }

    [Fact]
    public void Check_NoOutposts_ReportsNothing()
    {
        var report = OutpostConfigValidator.Check(Configuration());

        Assert.Empty(report.Errors);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Check_EveryKindOfProblem_ReportsAllAtOnce()
    {
        var configuration = Configuration(
        [
            ("outposts:instances:0:name", "authentik Embedded Outpost"),
            ("outposts:instances:0:config:authentik_host", "auth.example.com"),
            ("outposts:instances:0:config:refresh_interval", "every 5 minutes"),
            ("outposts:instances:0:config:log_level", "debug"),
            ("outposts:instances:0:config:authentik_host_browser", "https://browser.example.com"),
            ("outposts:instances:0:config:docker_network", "frontend"),
            ("outposts:instances:0:config:docker_labels:traefik.enable", "true"),
            ("outposts:instances:0:config:kubernetes_replicas", "2"),
            .. Provider(0, 0, "whoami", "https://whoami.example.com", ("mode", "proxy")),
            .. Provider(0, 1, "grafana", "grafana.example.com", ("internal_host", "http://grafana:3000")),
            .. Provider(0, 2, "wiki", "https://WHOAMI.example.com", ("internal_host", "http://wiki"), ("mode", "forward")),
            .. Provider(0, 3, "domain", "https://auth.example.com", ("mode", "forward_domain"), ("cookie_domain", ".example.com"), ("skip_path_regex", "^/health$\n(unclosed\n^/ok")),
        ]);

        var report = OutpostConfigValidator.Check(configuration);

        Assert.Equal(
        [
            $"provider 'wiki' of {Embedded}: mode 'forward' is unknown; set it to proxy, forward_single or forward_domain.",
            $"{Embedded}: authentik_host 'auth.example.com' is not a full URL; set it to https://auth.example.com (scheme and host, optional port).",
            $"{Embedded}: refresh_interval 'every 5 minutes' is not in the form hours=1;minutes=2;seconds=3; set it to, for example, minutes=5.",
            $"provider 'whoami' of {Embedded}: internal_host is missing; a provider in proxy mode forwards requests to it, so set it to the application's URL, for example http://app:8080, or set mode to forward_single or forward_domain.",
            $"provider 'grafana' of {Embedded}: external_host 'grafana.example.com' is not an absolute http(s) URL; set it to the URL users open, for example https://grafana.example.com.",
            $"provider 'wiki' of {Embedded}: external_host 'https://WHOAMI.example.com' claims host 'whoami.example.com', which provider 'whoami' already claims; give each provider of an outpost its own external_host.",
        ],
        report.Errors.Select(problem => problem.ToString()));
        Assert.Equal(
        [
            $"{Embedded}: log_level has no effect on the embedded outpost, which runs inside this host; remove it.",
            $"{Embedded}: authentik_host_browser has no effect on the embedded outpost, which runs inside this host; remove it.",
            $"{Embedded}: docker_network has no effect on the embedded outpost, which runs inside this host; remove it.",
            $"{Embedded}: docker_labels has no effect on the embedded outpost, which runs inside this host; remove it.",
            $"{Embedded}: kubernetes_replicas has no effect on the embedded outpost, which runs inside this host; remove it.",
            $"provider 'domain' of {Embedded}: skip_path_regex line 2 '(unclosed' is not a valid regular expression and is ignored; fix or remove the line.",
        ],
        report.Warnings.Select(problem => problem.ToString()));
    }

    [Fact]
    public void Check_Problems_NameTheKey()
    {
        var configuration = Configuration(
        [
            ("outposts:instances:0:name", "authentik Embedded Outpost"),
            ("outposts:instances:0:config:docker_map_ports", "false"),
            .. Provider(0, 0, "app", "ftp://app.example.com", ("mode", "forward_single")),
        ]);

        var report = OutpostConfigValidator.Check(configuration);

        var error = Assert.Single(report.Errors);
        Assert.Equal("external_host", error.Key);
        Assert.Equal($"provider 'app' of {Embedded}", error.Subject);
        var warning = Assert.Single(report.Warnings);
        Assert.Equal("docker_map_ports", warning.Key);
        Assert.Equal(Embedded, warning.Subject);
    }

    [Theory]
    [InlineData("auth.example.com", "authentik_host 'auth.example.com' is not a full URL; set it to https://auth.example.com (scheme and host, optional port).")]
    [InlineData("auth.example.com:9443", "authentik_host 'auth.example.com:9443' is not a full URL; set it to https://auth.example.com:9443 (scheme and host, optional port).")]
    [InlineData("authentik", "authentik_host 'authentik' is not a full URL; set it to https://authentik (scheme and host, optional port).")]
    [InlineData("ftp://auth.example.com", "authentik_host 'ftp://auth.example.com' is not an http(s) URL; set it to the URL browsers reach authentik at, for example https://auth.example.com.")]
    [InlineData("https://auth.example.com/if/admin/", "authentik_host 'https://auth.example.com/if/admin/' has more than scheme, host and port; set it to https://auth.example.com.")]
    [InlineData("https://auth.example.com:8443/?x=1", "authentik_host 'https://auth.example.com:8443/?x=1' has more than scheme, host and port; set it to https://auth.example.com:8443.")]
    [InlineData("https://admin@auth.example.com", "authentik_host 'https://admin@auth.example.com' has more than scheme, host and port; set it to https://auth.example.com.")]
    public void Check_InvalidAuthentikHost_ShowsCorrectedForm(string value, string expected)
    {
        var report = OutpostConfigValidator.Check(Configuration(
            ("outposts:instances:0:name", "edge"),
            ("outposts:instances:0:config:authentik_host", value)));

        var error = Assert.Single(report.Errors);
        Assert.Equal("outpost 'edge'", error.Subject);
        Assert.Equal("authentik_host", error.Key);
        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("https://auth.example.com")]
    [InlineData("https://auth.example.com/")]
    [InlineData("http://localhost:9000")]
    [InlineData("http://[::1]:9000")]
    public void Check_FullAuthentikHost_Accepted(string value)
    {
        var report = OutpostConfigValidator.Check(Configuration(
            ("outposts:instances:0:name", "edge"),
            ("outposts:instances:0:config:authentik_host", value)));

        Assert.Empty(report.Errors);
    }

    [Fact]
    public void Check_NonEmbeddedKeysOnDeployedOutpost_NoWarning()
    {
        var report = OutpostConfigValidator.Check(Configuration(
            ("outposts:instances:0:name", "edge"),
            ("outposts:instances:0:config:docker_network", "frontend"),
            ("outposts:instances:0:config:kubernetes_replicas", "3"),
            ("outposts:instances:0:config:container_image", "ghcr.io/goauthentik/proxy:2025.8"),
            ("outposts:instances:0:config:kubernetes_image_pull_secrets:0", "registry")));

        Assert.Empty(report.Errors);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Check_StructuralProblems_ReportedWithFix()
    {
        var configuration = Configuration(
        [
            ("outposts:instances:0:name", "edge"),
            ("outposts:instances:0:type", "ldap"),
            ("outposts:instances:0:uuid", "not-a-uuid"),
            ("outposts:instances:0:config:kubernetes_replicas", "many"),
            ("outposts:instances:0:config:docker_map_ports", "yes"),
            ("outposts:instances:0:config:refresh_intervall", "minutes=5"),
            ("outposts:instances:1:name", "edge"),
            ("outposts:instances:2:config:log_level", "info"),
            .. Provider(1, 0, "app", "https://app.example.com", ("mode", "forward_domain")),
            .. Provider(1, 1, "app", "https://other.example.com", ("mode", "forward_single"), ("internal_host", "app:8080")),
            ("outposts:instances:1:providers:2:external_host", "https://nameless.example.com"),
        ]);

        var report = OutpostConfigValidator.Check(configuration);

        Assert.Equal(
        [
            "outpost 'edge': uuid 'not-a-uuid' is not a UUID; remove it to derive one from the name, or set it to 32 hex digits.",
            "outpost 'edge': docker_map_ports 'yes' is not a boolean; set it to true or false.",
            "outpost 'edge': kubernetes_replicas 'many' is not a whole number; set it to a number such as 1.",
            "provider #3 of outpost 'edge': name is missing; give each provider a name that is unique within its outpost.",
            "outpost #3: name is missing; give each outpost a unique name.",
            "outpost 'edge': type 'ldap' is not supported; this host runs only outposts of type proxy.",
            "outpost 'edge': name 'edge' is also used by outpost #2; give each outpost a unique name.",
            "provider 'app' of outpost 'edge': cookie_domain is missing; a provider in forward_domain mode covers every host under it, so set it, for example to example.com.",
            "provider 'app' of outpost 'edge': name 'app' is used by another provider of the outpost; give each provider a unique name.",
            "provider 'app' of outpost 'edge': internal_host 'app:8080' is not an absolute http(s) URL; set it to the application's URL, for example http://app:8080.",
        ],
        report.Errors.Select(problem => problem.ToString()));
        Assert.Equal(
            ["outpost 'edge': unknown key 'refresh_intervall' is ignored; check its spelling."],
            report.Warnings.Select(problem => problem.ToString()));
    }

    [Fact]
    public void Check_SameCookieDomainTwice_WarnsAboutTie()
    {
        var report = OutpostConfigValidator.Check(Configuration(
        [
            ("outposts:instances:0:name", "authentik Embedded Outpost"),
            .. Provider(0, 0, "first", "https://a.example.com", ("mode", "forward_domain"), ("cookie_domain", "example.com")),
            .. Provider(0, 1, "second", "https://b.example.com", ("mode", "forward_domain"), ("cookie_domain", ".Example.com")),
        ]));

        Assert.Empty(report.Errors);
        Assert.Equal(
            [$"provider 'second' of {Embedded}: cookie_domain '.Example.com' is also used by forward_domain provider 'first', which takes the hosts under it; give each forward_domain provider its own cookie_domain."],
            report.Warnings.Select(problem => problem.ToString()));
    }

    [Fact]
    public void Check_UnknownSourceAndRelativeAdminPath_Reported()
    {
        var report = OutpostConfigValidator.Check(Configuration(
            ("outposts:source", "database"),
            ("outposts:admin_path", "if/admin/")));

        Assert.Equal(
        [
            "outposts: source 'database' is unknown; set outposts:source to file or api.",
            "outposts: admin_path 'if/admin/' does not start with '/'; set outposts:admin_path to a path such as /if/admin/.",
        ],
        report.Errors.Select(problem => problem.ToString()));
    }

    [Theory]
    [InlineData("-00:00:01", "-00:00:01")]
    [InlineData("10", "10.00:00:00")]
    [InlineData("02:00:00", "02:00:00")]
    public void Check_SessionCacheDurationOutOfRange_Reported(string value, string boundValue)
    {
        var report = OutpostConfigValidator.Check(Configuration(("outposts:session_cache_duration", value)));

        Assert.Equal(
            [$"outposts: session_cache_duration '{boundValue}' is not between 00:00:00 and 01:00:00; set outposts:session_cache_duration to a duration such as 00:00:10, or 00:00:00 to read sessions from the store on every request."],
            report.Errors.Select(problem => problem.ToString()));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:30")]
    [InlineData("01:00:00")]
    public void Check_SessionCacheDurationInRange_Accepted(string value)
    {
        var report = OutpostConfigValidator.Check(Configuration(("outposts:session_cache_duration", value)));

        Assert.Empty(report.Errors);
    }

    [Fact]
    public void Read_FullProvider_MapsEveryField()
    {
        var configuration = Configuration(
        [
            ("outposts:instances:0:name", "authentik Embedded Outpost"),
            ("outposts:instances:0:config:authentik_host", "https://auth.example.com"),
            ("outposts:instances:0:config:kubernetes_ingress_secret_name", ""),
            .. Provider(0, 0, "grafana", "https://grafana.example.com",
                ("pk", "7"),
                ("internal_host", "https://grafana:3000"),
                ("internal_host_ssl_validation", "False"),
                ("mode", "proxy"),
                ("basic_auth_enabled", "true"),
                ("basic_auth_user_attribute", "grafana_user"),
                ("basic_auth_password_attribute", "grafana_password"),
                ("intercept_header_auth", "false"),
                ("access_token_validity", "hours=24"),
                ("certificate", "grafana-cert"),
                ("assigned_application_slug", "grafana"),
                ("assigned_application_name", "Grafana"),
                ("cookie_secret", "cookie"),
                ("scopes_to_request:0", "openid"),
                ("scopes_to_request:1", "ak_proxy"),
                ("oidc_configuration:issuer", "https://auth.example.com/application/o/grafana/"),
                ("oidc_configuration:token_endpoint", "https://auth.example.com/application/o/token/")),
        ]);

        var result = FileOutpostReader.Read(configuration);

        Assert.True(result.Report.IsValid);
        var outpost = Assert.Single(result.Outposts);
        Assert.True(outpost.IsEmbedded);
        Assert.Equal("https://auth.example.com", outpost.Settings.AuthentikHost);
        Assert.Equal("", outpost.Settings.KubernetesIngressSecretName);
        Assert.Equal("minutes=5", outpost.Settings.RefreshInterval);
        var provider = Assert.Single(outpost.Providers);
        Assert.Equal(7, provider.Pk);
        Assert.Equal("https://grafana:3000", provider.InternalHost);
        Assert.False(provider.InternalHostSslValidation);
        Assert.Equal(ProxyMode.Proxy, provider.Mode);
        Assert.True(provider.BasicAuthEnabled);
        Assert.Equal("grafana_user", provider.BasicAuthUserAttribute);
        Assert.Equal("grafana_password", provider.BasicAuthPasswordAttribute);
        Assert.False(provider.InterceptHeaderAuth);
        Assert.Equal(TimeSpan.FromHours(24), provider.AccessTokenValidity);
        Assert.Equal("grafana-cert", provider.Certificate);
        Assert.Equal("grafana", provider.ApplicationSlug);
        Assert.Equal("Grafana", provider.ApplicationName);
        Assert.Equal("cookie", provider.CookieSecret);
        Assert.Equal("client-grafana", provider.Oidc.ClientId);
        Assert.Equal("secret-grafana", provider.Oidc.ClientSecret);
        Assert.Equal("https://auth.example.com/application/o/grafana/", provider.Oidc.Issuer);
        Assert.Equal("https://auth.example.com/application/o/token/", provider.Oidc.TokenEndpoint);
        Assert.Equal(["openid", "ak_proxy"], provider.Oidc.Scopes);
    }

    [Fact]
    public void Read_NoEmbeddedOutpostDeclared_AddsDefaultEmbeddedFirst()
    {
        var result = FileOutpostReader.Read(Configuration(("outposts:instances:0:name", "edge")));

        Assert.Equal([OutpostConstants.EmbeddedName, "edge"], result.Outposts.Select(outpost => outpost.Name));
        Assert.True(result.Outposts[0].IsEmbedded);
        Assert.Empty(result.Outposts[0].Providers);
        Assert.False(result.Outposts[1].IsEmbedded);
    }

    [Fact]
    public void Read_SameName_SameUuidAcrossReads()
    {
        var first = FileOutpostReader.Read(Configuration(("outposts:instances:0:name", "edge")));
        var second = FileOutpostReader.Read(Configuration(("outposts:instances:0:name", "edge")));

        Assert.Equal(first.Outposts[1].Uuid, second.Outposts[1].Uuid);
        Assert.NotEqual(first.Outposts[0].Uuid, first.Outposts[1].Uuid);
    }
}
