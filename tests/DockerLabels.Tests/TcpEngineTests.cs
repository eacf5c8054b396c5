using Authentik.Plugins.Deployment;
using Authentik.Plugins.Outposts;
using static Authentik.Plugins.DockerLabels.Tests.TestOutposts;

namespace Authentik.Plugins.DockerLabels.Tests;

[Collection(PodmanEngineDefinition.Name)]
public sealed class TcpEngineTests : IAsyncLifetime
{
    private readonly PodmanEngine _engine;
    private readonly DockerDeploymentIntegration _integration = TestOutposts.CreateIntegration();

    private NginxEngineProxy? _proxy;

    public TcpEngineTests(PodmanEngine engine)
    {
        _engine = engine;
    }

    private NginxEngineProxy Proxy => _proxy ?? throw new InvalidOperationException("The nginx proxy has not started.");

    public async Task InitializeAsync()
    {
        await _engine.RemoveAllContainersAsync();
        _proxy = await NginxEngineProxy.StartAsync(_engine.SocketPath);
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }

    [Fact]
    public async Task Apply_TcpWithClientCertificate_CreatesContainer()
    {
        var outpost = Outpost("tls", Proxy.CaFile, Proxy.ClientCertificateFile);

        var plan = await _integration.ApplyAsync(Request(outpost), CancellationToken.None);

        Assert.Empty(plan.Errors);
        Assert.Equal(DeploymentActionKind.Create, Assert.Single(plan.Actions).Kind);
        Assert.True((await _engine.InspectAsync("ak-outpost-tls")).State!.Running);
        Assert.False((await _integration.ApplyAsync(Request(outpost), CancellationToken.None)).HasChanges);
    }

    [Fact]
    public async Task Apply_PlainTcp_CreatesContainer()
    {
        var outpost = Outpost("plain", caFile: null, certificateFile: null) with
        {
            ServiceConnection = new ServiceConnectionConfig { Name = "plain engine", Kind = ServiceConnectionKind.Docker, Url = Proxy.PlainUrl },
        };

        var plan = await _integration.ApplyAsync(Request(outpost), CancellationToken.None);

        Assert.Empty(plan.Errors);
        Assert.Equal(DeploymentActionKind.Create, Assert.Single(plan.Actions).Kind);
        Assert.True((await _engine.InspectAsync("ak-outpost-plain")).State!.Running);
    }

    [Fact]
    public async Task Apply_PlainTcpToTlsPort_ReportsRejection()
    {
        var outpost = Outpost("plain-to-tls", caFile: null, certificateFile: null);

        var plan = await _integration.ApplyAsync(Request(outpost), CancellationToken.None);

        Assert.Empty(plan.Actions);
        Assert.Equal(
            "The Docker engine is unreachable: The engine rejected the call: 400 BadRequest: 400 The plain HTTP request was sent to HTTPS port",
            Assert.Single(plan.Errors).Message);
    }

    [Fact]
    public async Task Apply_TcpWithoutClientCertificate_ReportsRejection()
    {
        var outpost = Outpost("no-client-certificate", Proxy.CaFile, certificateFile: null);

        var plan = await _integration.ApplyAsync(Request(outpost), CancellationToken.None);

        Assert.Empty(plan.Actions);
        var error = Assert.Single(plan.Errors);
        Assert.Equal("no-client-certificate", error.Outpost);
        Assert.Equal($"tls engine ({Proxy.Url})", error.Connection);
        Assert.Equal("The Docker engine is unreachable: The engine rejected the call: 400 BadRequest: 400 No required SSL certificate was sent", error.Message);
        Assert.Empty(await _engine.ListNamesAsync());
    }

    [Fact]
    public async Task Apply_TcpWithUntrustedServer_ReportsTlsFailure()
    {
        var outpost = Outpost("untrusted", Proxy.OtherCaFile, Proxy.ClientCertificateFile);

        var plan = await _integration.ApplyAsync(Request(outpost), CancellationToken.None);

        Assert.Empty(plan.Actions);
        var error = Assert.Single(plan.Errors);
        Assert.Equal("untrusted", error.Outpost);
        Assert.StartsWith("The Docker engine is unreachable: The SSL connection could not be established", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _engine.ListNamesAsync());
    }

    [Fact]
    public async Task Apply_MissingCertificateFile_ReportsFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.pem");
        var outpost = Outpost("missing-file", Proxy.CaFile, missing);

        var plan = await _integration.ApplyAsync(Request(outpost), CancellationToken.None);

        var error = Assert.Single(plan.Errors);
        Assert.StartsWith("The TLS files of the connection cannot be loaded: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    private OutpostConfig Outpost(string name, string? caFile, string? certificateFile) =>
        TestOutposts.Managed(name, Proxy.Url) with
        {
            ServiceConnection = new ServiceConnectionConfig
            {
                Name = "tls engine",
                Kind = ServiceConnectionKind.Docker,
                Url = Proxy.Url,
                TlsCaFile = caFile,
                TlsCertificateFile = certificateFile,
            },
        };
}
