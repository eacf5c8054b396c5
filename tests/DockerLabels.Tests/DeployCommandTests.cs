using System.Text.Json.Nodes;
using Authentik.Plugins.Deployment;
using Authentik.Plugins.Host.Deployment;
using Authentik.Plugins.Outposts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Authentik.Plugins.DockerLabels.Tests;

[Collection(PodmanEngineDefinition.Name)]
public sealed class DeployCommandTests : IAsyncLifetime
{
    private static readonly Guid WebUuid = Guid.Parse("bbbbbbbb-1111-4222-8333-444444444444");

    private readonly PodmanEngine _engine;

    public DeployCommandTests(PodmanEngine engine)
    {
        _engine = engine;
    }

    public Task InitializeAsync() => _engine.RemoveAllContainersAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Plan_ManagedAndEmbedded_PrintsActionsAndLabels()
    {
        var command = CreateCommand(new TestOutpostProvider(TestOutposts.Embedded(), Web()));

        var (exitCode, output) = await RunAsync(command, "plan");

        Assert.Equal(DeployCommand.Success, exitCode);
        Assert.Equal(
            $"""
            Integration docker:
              skipped: outpost authentik Embedded Outpost
                The embedded outpost runs inside this host, so it gets no container, and no Traefik labels are put on the host's own container.
              create: outpost web container ak-outpost-web
                The container does not exist. docker_map_ports is on, but no ports are published on the 'none' network, where Docker ignores port bindings.
                labels:
                  io.goauthentik.outpost-uuid=bbbbbbbb111142228333444444444444
                  io.goauthentik.plugins.managed-by=authentik-plugins
                  traefik.enable=true
                  traefik.http.routers.ak-outpost-web-router.rule=(Host(`app.example.com`)) && PathPrefix(`/outpost.goauthentik.io`)
                  traefik.http.routers.ak-outpost-web-router.tls=true
                  traefik.http.routers.ak-outpost-web-router.service=ak-outpost-web-service
                  traefik.http.services.ak-outpost-web-service.loadbalancer.healthcheck.path=/outpost.goauthentik.io/ping
                  traefik.http.services.ak-outpost-web-service.loadbalancer.healthcheck.port=9300
                  traefik.http.services.ak-outpost-web-service.loadbalancer.server.port=9000
            Plan: 1 change.

            """,
            output);
        Assert.Empty(await _engine.ListNamesAsync());
    }

    [Fact]
    public async Task Apply_Twice_SecondSaysNothingChanged()
    {
        var command = CreateCommand(new TestOutpostProvider(Web()));

        var (firstExitCode, firstOutput) = await RunAsync(command, "apply");
        var (secondExitCode, secondOutput) = await RunAsync(command, "apply");

        Assert.Equal(DeployCommand.Success, firstExitCode);
        Assert.Contains("  created: outpost web container ak-outpost-web\n", firstOutput, StringComparison.Ordinal);
        Assert.EndsWith("Applied 1 change.\n", firstOutput, StringComparison.Ordinal);
        Assert.Equal(DeployCommand.Success, secondExitCode);
        Assert.Contains("  unchanged: outpost web container ak-outpost-web\n", secondOutput, StringComparison.Ordinal);
        Assert.EndsWith("Nothing changed.\n", secondOutput, StringComparison.Ordinal);
        Assert.Equal(["ak-outpost-web"], await _engine.ListNamesAsync());
    }

    [Fact]
    public async Task PlanJson_ManagedOutpost_HasDocumentWithMaskedToken()
    {
        var command = CreateCommand(new TestOutpostProvider(TestOutposts.Embedded(), Web()));

        var (exitCode, output) = await RunAsync(command, "plan", "web", "--json");

        Assert.Equal(DeployCommand.Success, exitCode);
        Assert.DoesNotContain(TestOutposts.Token, output, StringComparison.Ordinal);
        var report = JsonNode.Parse(output)!;
        Assert.Equal("plan", report["command"]!.GetValue<string>());
        Assert.Equal("web", report["outpost"]!.GetValue<string>());
        Assert.True(report["has_changes"]!.GetValue<bool>());
        Assert.Equal(0, report["error_count"]!.GetValue<int>());
        Assert.Equal("Plan: 1 change.", report["summary"]!.GetValue<string>());
        var integration = report["integrations"]![0]!;
        Assert.Equal("docker", integration["integration"]!.GetValue<string>());
        var action = Assert.Single(integration["actions"]!.AsArray())!;
        Assert.Equal("create", action["kind"]!.GetValue<string>());
        Assert.Equal("ak-outpost-web", action["object_name"]!.GetValue<string>());
        Assert.Equal("true", action["labels"]!["traefik.enable"]!.GetValue<string>());
        var document = action["document"]!;
        Assert.Equal(PodmanEngine.Image, document["image"]!.GetValue<string>());
        Assert.Equal("unless-stopped", document["restart_policy"]!.GetValue<string>());
        Assert.Equal(
            ["AUTHENTIK_HOST=https://auth.example.com", "AUTHENTIK_INSECURE=false", "AUTHENTIK_TOKEN=********", "AUTHENTIK_HOST_BROWSER=https://login.example.com"],
            document["env"]!.AsArray().Select(entry => entry!.GetValue<string>()));
    }

    [Fact]
    public async Task Apply_UnreachableEngine_ExitsOneNamingOutpost()
    {
        var outpost = TestOutposts.Managed("offline", "tcp://127.0.0.1:1");
        var command = CreateCommand(new TestOutpostProvider(outpost, Web()));

        var (exitCode, output) = await RunAsync(command, "apply");

        Assert.Equal(DeployCommand.Failed, exitCode);
        Assert.Contains("  error: outpost offline on test engine (tcp://127.0.0.1:1): The Docker engine is unreachable: ", output, StringComparison.Ordinal);
        Assert.Contains("  created: outpost web container ak-outpost-web\n", output, StringComparison.Ordinal);
        Assert.EndsWith("Applied 1 change. 1 error.\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "Missing subcommand. Usage: deploy plan|apply [outpost] [--json]\n")]
    [InlineData(new[] { "destroy" }, "Invalid arguments 'destroy'. Usage: deploy plan|apply [outpost] [--json]\n")]
    [InlineData(new[] { "plan", "a", "b" }, "Invalid arguments 'plan a b'. Usage: deploy plan|apply [outpost] [--json]\n")]
    [InlineData(new[] { "plan", "--yaml" }, "Unknown option '--yaml'. Usage: deploy plan|apply [outpost] [--json]\n")]
    [InlineData(new[] { "apply", "missing" }, "Outpost 'missing' not found; known outposts: 'web'.\n")]
    public async Task Run_InvalidArguments_ExitsTwoWithUsage(string[] arguments, string expected)
    {
        var command = CreateCommand(new TestOutpostProvider(Web()));

        var (exitCode, output) = await RunAsync(command, arguments);

        Assert.Equal(DeployCommand.Usage, exitCode);
        Assert.Equal(expected, output);
        Assert.Empty(await _engine.ListNamesAsync());
    }

    [Fact]
    public async Task BackgroundService_OutpostsChange_Reconciles()
    {
        using var provider = new TestOutpostProvider(Web());
        using var service = new DeploymentBackgroundService(CreateRunner(provider), TimeProvider.System, NullLogger<DeploymentBackgroundService>.Instance);

        await service.StartAsync(CancellationToken.None);
        try
        {
            await WaitForContainersAsync(["ak-outpost-web"]);

            var second = TestOutposts.Managed("second", _engine.Url);
            provider.Publish(Web(), second);
            await WaitForContainersAsync(["ak-outpost-second", "ak-outpost-web"]);

            provider.Publish(second);
            await WaitForContainersAsync(["ak-outpost-second"]);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private OutpostConfig Web() => TestOutposts.Managed("web", _engine.Url, uuid: WebUuid);

    private static DeployCommand CreateCommand(IOutpostConfigProvider provider) => new(CreateRunner(provider));

    private static DeploymentRunner CreateRunner(IOutpostConfigProvider provider)
    {
        IDeploymentIntegration integration = TestOutposts.CreateIntegration();

        return new DeploymentRunner([integration], provider, NullLogger<DeploymentRunner>.Instance);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(DeployCommand command, params string[] arguments)
    {
        using var output = new StringWriter { NewLine = "\n" };
        var exitCode = await command.RunAsync(arguments, output, CancellationToken.None);
        return (exitCode, output.ToString());
    }

    private async Task WaitForContainersAsync(string[] expected)
    {
        // The service reconciles on its own schedule; poll the engine with a generous bound.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        IReadOnlyList<string> names;
        do
        {
            names = await _engine.ListNamesAsync();
            if (names.SequenceEqual(expected))
            {
                return;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(expected, names);
    }
}
