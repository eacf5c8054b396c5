using Authentik.Plugins.Deployment;
using Authentik.Plugins.Outposts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.DockerLabels.Tests;

/// <summary>Outposts and providers for the tests.</summary>
internal static class TestOutposts
{
    public const string Token = "test-token-5f1c2a9e";

    public static ProxyProviderConfig Provider(string name, string externalHost) => new()
    {
        Name = name,
        ExternalHost = externalHost,
        InternalHost = "http://127.0.0.1:1",
        Oidc = new OidcClientConfig { ClientId = name, ClientSecret = "secret" },
    };

    public static OutpostConfig Managed(
        string name,
        string engineUrl,
        IReadOnlyList<ProxyProviderConfig>? providers = null,
        Func<OutpostSettings, OutpostSettings>? configure = null,
        Guid? uuid = null)
    {
        var settings = new OutpostSettings
        {
            AuthentikHost = "https://Auth.Example.com",
            AuthentikHostBrowser = "https://login.example.com",
            ContainerImage = PodmanEngine.Image,
            DockerNetwork = "none",
        };

        return new OutpostConfig
        {
            Name = name,
            Uuid = uuid ?? Guid.NewGuid(),
            Token = Token,
            ServiceConnection = new ServiceConnectionConfig
            {
                Name = "test engine",
                Kind = ServiceConnectionKind.Docker,
                Url = engineUrl,
            },
            Providers = providers ?? [Provider("app", "https://app.example.com")],
            Settings = configure is null ? settings : configure(settings),
        };
    }

    public static OutpostConfig Embedded() => new()
    {
        Name = OutpostConstants.EmbeddedName,
        Uuid = Guid.NewGuid(),
        Managed = OutpostConstants.EmbeddedManagedValue,
        Providers = [Provider("embedded-app", "https://embedded.example.com")],
        Settings = new OutpostSettings { DockerLabels = new Dictionary<string, string> { ["com.example.ignored"] = "yes" } },
    };

    public static DeploymentRequest Request(params OutpostConfig[] outposts) => new()
    {
        Outposts = outposts,
        AuthentikVersion = AuthentikCompatibility.Version,
    };

    public static DockerDeploymentIntegration CreateIntegration() => new(
        Options.Create(new DockerLabelsOptions()),
        NullLogger<DockerDeploymentIntegration>.Instance);
}
