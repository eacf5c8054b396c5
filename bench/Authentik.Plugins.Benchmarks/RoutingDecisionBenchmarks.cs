using System.Globalization;
using System.Net;
using Authentik.Plugins.Host.Configuration;
using Authentik.Plugins.Host.Hosting;
using Authentik.Plugins.Host.Outposts;
using Authentik.Plugins.Host.Routing;
using Authentik.Plugins.Outposts;
using Authentik.Plugins.Routing;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Authentik.Plugins.Benchmarks;

/// <summary>
/// The host's routing decision for one request: the provider lookup by host, then the first
/// routing stage that claims the request, with 10, 1,000 and 10,000 provider hosts.
/// </summary>
/// <remarks>
/// The lookup, the stages and their order are the host's own services, resolved from its service
/// registrations, with the providers published to the outpost snapshot store as a source would. Every tenth provider is in <c>forward_domain</c> mode with a cookie domain of
/// its own, so lookups that miss the external hosts walk the host's labels through the cookie
/// domains as they would in a deployment.
/// </remarks>
public class RoutingDecisionBenchmarks
{
    private ServiceProvider? _services;
    private IProviderLookup _lookup = null!;
    private IRoutingStage[] _stages = [];
    private DefaultHttpContext _providerRequest = null!;
    private DefaultHttpContext _forwardDomainRequest = null!;
    private DefaultHttpContext _backendRequest = null!;
    private DefaultHttpContext _outpostPathRequest = null!;

    [Params(10, 1_000, 10_000)]
    public int ProviderHosts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var providers = new List<ProxyProviderConfig>(ProviderHosts);
        for (var index = 0; index < ProviderHosts; index++)
        {
            providers.Add(CreateProvider(index));
        }

        var outpost = new OutpostConfig
        {
            Name = OutpostConstants.EmbeddedName,
            Uuid = Guid.Parse("3d0f0a4e-8a7e-4a55-9a57-3f1d1b3c5e21"),
            Managed = OutpostConstants.EmbeddedManagedValue,
            Providers = providers,
        };

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["backend:url"] = "http://127.0.0.1:8000",
                ["secret_key"] = "benchmark-only-secret-key",
            })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(HostSettingsReader.Read(configuration, new ConfigurationReport()))
            .AddHostSecurity()
            .AddRoutingStages()
            .AddBackendForwarding()
            .AddAuthentikOutposts(configuration)
            .AddEmbeddedOutpost(configuration);
        _services = services.BuildServiceProvider();

        // The outpost sources publish their outposts to this store; the benchmark publishes its own.
        _services.GetRequiredService<OutpostSnapshotStore>().PublishOutposts([outpost]);
        _lookup = _services.GetRequiredService<IProviderLookup>();
        StageRegistration[] builtIns =
        [
            new(_services.GetRequiredService<OutpostPathsStage>(), StageRegistration.BuiltInSource),
            new(_services.GetRequiredService<ProviderHostsStage>(), StageRegistration.BuiltInSource),
            new(_services.GetRequiredService<CoreStage>(), StageRegistration.BuiltInSource),
        ];
        _stages = [.. StageOrder.Build(builtIns, []).Stages.Select(registration => registration.Stage)];

        var middle = ProviderHosts / 2 / 10 * 10 + 1;
        _providerRequest = CreateRequest($"app{middle}.bench.test", "/dashboard/");
        _forwardDomainRequest = CreateRequest("grafana.team.domain0.bench.test", "/d/overview");
        _backendRequest = CreateRequest("authentik.bench.test", "/api/v3/core/applications/");
        _outpostPathRequest = CreateRequest($"app{middle}.bench.test", "/outpost.goauthentik.io/start");

        // A benchmark of a decision that goes the wrong way measures nothing useful.
        Expect(_providerRequest, RoutingStageNames.ProviderHosts);
        Expect(_forwardDomainRequest, RoutingStageNames.Core);
        Expect(_backendRequest, RoutingStageNames.Core);
        Expect(_outpostPathRequest, RoutingStageNames.OutpostPaths);
    }

    [GlobalCleanup]
    public void Cleanup() => _services?.Dispose();

    /// <summary>A proxy-mode provider's host: found among the external hosts, claimed by the provider-hosts stage.</summary>
    [Benchmark(Baseline = true)]
    public int ProviderHost() => Decide(_providerRequest);

    /// <summary>A host under a forward-domain provider's cookie domain: found by walking the host's labels, then forwarded to the backend.</summary>
    [Benchmark]
    public int ForwardDomainHost() => Decide(_forwardDomainRequest);

    /// <summary>authentik's own host: no provider, forwarded to the backend after every stage declined.</summary>
    [Benchmark]
    public int BackendHost() => Decide(_backendRequest);

    /// <summary>An outpost path on a provider's host, claimed by the first stage.</summary>
    [Benchmark]
    public int OutpostPath() => Decide(_outpostPathRequest);

    // The same steps as RoutingMiddleware.InvokeAsync before it hands the request to a stage:
    // the effective host from the request-origin feature, one provider lookup, then the stages in order.
    private int Decide(HttpContext context)
    {
        var host = context.Features.GetRequiredFeature<IRequestOriginFeature>().Host;
        var request = new RoutingRequest(context, host, host.Length == 0 ? null : _lookup.Find(host));
        var stages = _stages;
        for (var index = 0; index < stages.Length; index++)
        {
            if (stages[index].Matches(in request))
            {
                return index;
            }
        }

        return -1;
    }

    private void Expect(HttpContext context, string stageName)
    {
        var index = Decide(context);
        var actual = index < 0 ? "no stage" : _stages[index].Name;
        if (!string.Equals(actual, stageName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The request for {context.Request.Host}{context.Request.Path} went to '{actual}' instead of '{stageName}'; the benchmark's providers no longer match the host's routing rules.");
        }
    }

    private static ProxyProviderConfig CreateProvider(int index)
    {
        var name = index.ToString(CultureInfo.InvariantCulture);
        var forwardDomain = index % 10 == 0;
        return new ProxyProviderConfig
        {
            Name = "provider-" + name,
            Pk = index + 1,
            ExternalHost = forwardDomain ? $"https://auth.domain{name}.bench.test" : $"https://app{name}.bench.test",
            InternalHost = forwardDomain ? null : $"http://app{name}.internal:8080",
            Mode = forwardDomain ? ProxyMode.ForwardDomain : ProxyMode.Proxy,
            CookieDomain = forwardDomain ? $"domain{name}.bench.test" : null,
            Oidc = new OidcClientConfig { ClientId = "client-" + name, ClientSecret = "secret-" + name },
        };
    }

    private static DefaultHttpContext CreateRequest(string host, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = Uri.UriSchemeHttps;
        context.Request.Host = new HostString(host);
        context.Request.Path = path;
        context.Features.Set<IRequestOriginFeature>(
            new RequestOriginFeature(IPAddress.Loopback, IPAddress.Loopback, Uri.UriSchemeHttps, host, isTrustedProxy: false));
        return context;
    }
}
