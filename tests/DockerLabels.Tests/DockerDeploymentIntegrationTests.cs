using Authentik.Plugins.Deployment;
using Authentik.Plugins.Outposts;
using static Authentik.Plugins.DockerLabels.Tests.TestOutposts;
using Docker.DotNet.Models;

namespace Authentik.Plugins.DockerLabels.Tests;

[Collection(PodmanEngineDefinition.Name)]
public sealed class DockerDeploymentIntegrationTests : IAsyncLifetime
{
    private readonly PodmanEngine _engine;
    private readonly DockerDeploymentIntegration _integration = TestOutposts.CreateIntegration();

    public DockerDeploymentIntegrationTests(PodmanEngine engine)
    {
        _engine = engine;
    }

    public Task InitializeAsync() => _engine.RemoveAllContainersAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Apply_MissingContainer_CreatesAndStartsIt()
    {
        var uuid = Guid.Parse("aaaaaaaa-1111-4222-8333-444444444444");
        var userLabels = new Dictionary<string, string>
        {
            ["com.example.team"] = "platform",
            ["traefik.enable"] = "false",
        };
        var outpost = TestOutposts.Managed(
            "Web Outpost",
            _engine.Url,
            providers: [TestOutposts.Provider("a", "https://a.example.com"), TestOutposts.Provider("b", "https://b.example.com:8443/app")],
            configure: settings => settings with { DockerLabels = userLabels },
            uuid: uuid);

        var plan = await _integration.ApplyAsync(Request(outpost), CancellationToken.None);

        Assert.Empty(plan.Errors);
        var action = Assert.Single(plan.Actions);
        Assert.Equal(DeploymentActionKind.Create, action.Kind);
        Assert.Equal("ak-outpost-web-outpost", action.ObjectName);
        Assert.True(plan.HasChanges);

        var container = await _engine.InspectAsync("ak-outpost-web-outpost");
        Assert.Equal("/ak-outpost-web-outpost", container.Name);
        Assert.Equal(PodmanEngine.Image, container.Config!.Image);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["io.goauthentik.outpost-uuid"] = "aaaaaaaa111142228333444444444444",
                ["io.goauthentik.plugins.managed-by"] = "authentik-plugins",
                ["com.example.team"] = "platform",
                ["traefik.enable"] = "true",
                ["traefik.http.routers.ak-outpost-web-outpost-router.rule"] = "(Host(`a.example.com`) || Host(`b.example.com:8443`)) && PathPrefix(`/outpost.goauthentik.io`)",
                ["traefik.http.routers.ak-outpost-web-outpost-router.tls"] = "true",
                ["traefik.http.routers.ak-outpost-web-outpost-router.service"] = "ak-outpost-web-outpost-service",
                ["traefik.http.services.ak-outpost-web-outpost-service.loadbalancer.healthcheck.path"] = "/outpost.goauthentik.io/ping",
                ["traefik.http.services.ak-outpost-web-outpost-service.loadbalancer.healthcheck.port"] = "9300",
                ["traefik.http.services.ak-outpost-web-outpost-service.loadbalancer.server.port"] = "9000",
            },
            container.Config!.Labels);
        Assert.Contains("AUTHENTIK_HOST=https://auth.example.com", container.Config!.Env!);
        Assert.Contains("AUTHENTIK_INSECURE=false", container.Config!.Env!);
        Assert.Contains($"AUTHENTIK_TOKEN={TestOutposts.Token}", container.Config!.Env!);
        Assert.Contains("AUTHENTIK_HOST_BROWSER=https://login.example.com", container.Config!.Env!);
        Assert.Equal(RestartPolicyKind.UnlessStopped, container.HostConfig!.RestartPolicy.Name);
        Assert.Equal("none", container.HostConfig!.NetworkMode);
        Assert.Empty(container.HostConfig!.PortBindings ?? new Dictionary<string, IList<PortBinding>>());
        Assert.True(container.State!.Running);
    }

    [Fact]
    public async Task Apply_Twice_SecondChangesNothing()
    {
        var outpost = TestOutposts.Managed("twice", _engine.Url);
        await _integration.ApplyAsync(Request(outpost), CancellationToken.None);
        var first = await _engine.InspectAsync("ak-outpost-twice");

        var plan = await _integration.ApplyAsync(Request(outpost), CancellationToken.None);

        Assert.Empty(plan.Errors);
        Assert.False(plan.HasChanges);
        var action = Assert.Single(plan.Actions);
        Assert.Equal(DeploymentActionKind.Unchanged, action.Kind);
        Assert.Equal("The container matches and is running. docker_map_ports is on, but no ports are published on the 'none' network, where Docker ignores port bindings.", action.Reason);
        Assert.Equal(first.ID, (await _engine.InspectAsync("ak-outpost-twice")).ID);
    }

    public static TheoryData<string, string> Drifts => new()
    {
        { "image", "Differs in image." },
        { "environment", "Differs in environment AUTHENTIK_HOST, environment AUTHENTIK_INSECURE." },
        { "token", "Differs in environment AUTHENTIK_TOKEN." },
        { "labels", "Differs in label com.example.added, extra label com.example.removed." },
        { "providers", "Differs in label traefik.http.routers.ak-outpost-drift-router.rule." },
    };

    [Theory]
    [MemberData(nameof(Drifts))]
    public async Task Apply_ChangedSetting_RecreatesContainer(string change, string expectedReason)
    {
        var uuid = Guid.NewGuid();
        var before = TestOutposts.Managed(
            "drift",
            _engine.Url,
            configure: settings => settings with { DockerLabels = new Dictionary<string, string> { ["com.example.removed"] = "x" } },
            uuid: uuid);
        await _integration.ApplyAsync(Request(before), CancellationToken.None);
        var original = await _engine.InspectAsync("ak-outpost-drift");
        var after = change switch
        {
            "image" => before with { Settings = before.Settings with { ContainerImage = PodmanEngine.SecondImage } },
            "environment" => before with { Settings = before.Settings with { AuthentikHost = "https://other.example.com", AuthentikHostInsecure = true } },
            "token" => before with { Token = "rotated-token" },
            "labels" => before with { Settings = before.Settings with { DockerLabels = new Dictionary<string, string> { ["com.example.added"] = "y" } } },
            _ => before with { Providers = [.. before.Providers, TestOutposts.Provider("new", "https://new.example.com")] },
        };

        var plan = await _integration.ApplyAsync(Request(after), CancellationToken.None);

        Assert.Empty(plan.Errors);
        var action = Assert.Single(plan.Actions);
        Assert.Equal(DeploymentActionKind.Recreate, action.Kind);
        Assert.Equal($"{expectedReason} docker_map_ports is on, but no ports are published on the 'none' network, where Docker ignores port bindings.", action.Reason);
        var recreated = await _engine.InspectAsync("ak-outpost-drift");
        Assert.NotEqual(original.ID, recreated.ID);
        Assert.True(recreated.State!.Running);
        Assert.False((await _integration.ApplyAsync(Request(after), CancellationToken.None)).HasChanges);
    }

    [Fact]
    public async Task Apply_RestartPolicyChangedOnEngine_RecreatesContainer()
    {
        var outpost = TestOutposts.Managed("policy", _engine.Url);
        var plan = await _integration.PlanAsync(Request(outpost), CancellationToken.None);
        var labels = Assert.Single(plan.Actions).Labels;
        using (var client = _engine.CreateClient())
        {
            // The container as this host would create it, but with the restart policy changed by hand.
            await client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Name = "ak-outpost-policy",
                Image = PodmanEngine.Image,
                Env = ["AUTHENTIK_HOST=https://auth.example.com", "AUTHENTIK_INSECURE=false", $"AUTHENTIK_TOKEN={TestOutposts.Token}", "AUTHENTIK_HOST_BROWSER=https://login.example.com"],
                Labels = new Dictionary<string, string>(labels),
                HostConfig = new HostConfig { NetworkMode = "none", RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.No } },
            });
        }

        var applied = await _integration.ApplyAsync(Request(outpost), CancellationToken.None);

        Assert.Empty(applied.Errors);
        var action = Assert.Single(applied.Actions);
        Assert.Equal(DeploymentActionKind.Recreate, action.Kind);
        Assert.StartsWith("Differs in restart policy.", action.Reason, StringComparison.Ordinal);
        Assert.Equal(RestartPolicyKind.UnlessStopped, (await _engine.InspectAsync("ak-outpost-policy")).HostConfig!.RestartPolicy.Name);
    }

    [Fact]
    public async Task Apply_StoppedContainer_StartsIt()
    {
        var outpost = TestOutposts.Managed("stopped", _engine.Url);
        await _integration.ApplyAsync(Request(outpost), CancellationToken.None);
        var created = await _engine.InspectAsync("ak-outpost-stopped");
        using (var client = _engine.CreateClient())
        {
            await client.Containers.StopContainerAsync(created.ID, new ContainerStopParameters { WaitBeforeKillSeconds = 1 });
        }

        Assert.False((await _engine.InspectAsync("ak-outpost-stopped")).State!.Running);

        var plan = await _integration.ApplyAsync(Request(outpost), CancellationToken.None);

        Assert.Empty(plan.Errors);
        var action = Assert.Single(plan.Actions);
        Assert.Equal(DeploymentActionKind.Start, action.Kind);
        Assert.StartsWith("The container is exited.", action.Reason, StringComparison.Ordinal);
        var started = await _engine.InspectAsync("ak-outpost-stopped");
        Assert.Equal(created.ID, started.ID);
        Assert.True(started.State!.Running);
    }

    [Fact]
    public async Task Apply_OutpostGone_RemovesOnlyItsManagedContainer()
    {
        var kept = TestOutposts.Managed("kept", _engine.Url);
        var gone = TestOutposts.Managed("gone", _engine.Url);
        await _integration.ApplyAsync(Request(kept, gone), CancellationToken.None);
        using (var client = _engine.CreateClient())
        {
            // A container authentik itself would manage carries the outpost-uuid label only.
            await client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Name = "authentik-managed",
                Image = PodmanEngine.Image,
                Labels = new Dictionary<string, string> { ["io.goauthentik.outpost-uuid"] = Guid.NewGuid().ToString("N") },
                HostConfig = new HostConfig { NetworkMode = "none" },
            });
        }

        var plan = await _integration.ApplyAsync(Request(kept), CancellationToken.None);

        Assert.Empty(plan.Errors);
        Assert.Equal(2, plan.Actions.Count);
        Assert.Equal(DeploymentActionKind.Unchanged, plan.Actions[0].Kind);
        var removal = plan.Actions[1];
        Assert.Equal(DeploymentActionKind.Remove, removal.Kind);
        Assert.Equal($"removed outpost {gone.Uuid:N}", removal.Outpost);
        Assert.Equal("ak-outpost-gone", removal.ObjectName);
        Assert.Equal("No outpost with this id is deployed to this engine any more.", removal.Reason);
        Assert.Equal(["ak-outpost-kept", "authentik-managed"], await _engine.ListNamesAsync());
    }

    [Fact]
    public async Task Apply_OneOutpostFilter_LeavesOtherContainers()
    {
        var named = TestOutposts.Managed("named", _engine.Url);
        var other = TestOutposts.Managed("other", _engine.Url);
        await _integration.ApplyAsync(Request(named, other), CancellationToken.None);

        var plan = await _integration.ApplyAsync(Request(named) with { OutpostFilter = "named" }, CancellationToken.None);

        Assert.Equal(DeploymentActionKind.Unchanged, Assert.Single(plan.Actions).Kind);
        Assert.Equal(["ak-outpost-named", "ak-outpost-other"], await _engine.ListNamesAsync());
    }

    [Fact]
    public async Task Apply_NamingTemplateChanged_RemovesOldName()
    {
        var outpost = TestOutposts.Managed("renamed", _engine.Url);
        await _integration.ApplyAsync(Request(outpost), CancellationToken.None);
        var renamed = outpost with { Settings = outpost.Settings with { ObjectNamingTemplate = "proxy-%(name)s" } };

        var plan = await _integration.ApplyAsync(Request(renamed), CancellationToken.None);

        Assert.Empty(plan.Errors);
        Assert.Equal([DeploymentActionKind.Remove, DeploymentActionKind.Create], plan.Actions.Select(action => action.Kind));
        Assert.Equal("The container name changed to 'proxy-renamed'.", plan.Actions[0].Reason);
        Assert.Equal(["proxy-renamed"], await _engine.ListNamesAsync());
    }

    [Fact]
    public async Task Apply_NameOfDeletedOutpost_ReplacesItsContainer()
    {
        var deleted = TestOutposts.Managed("reused", _engine.Url);
        await _integration.ApplyAsync(Request(deleted), CancellationToken.None);
        var successor = TestOutposts.Managed("reused", _engine.Url);

        var plan = await _integration.ApplyAsync(Request(successor), CancellationToken.None);

        Assert.Empty(plan.Errors);
        Assert.Equal([DeploymentActionKind.Remove, DeploymentActionKind.Create], plan.Actions.Select(action => action.Kind));
        Assert.Equal($"The container belongs to outpost id {deleted.Uuid:N}, which no longer exists.", plan.Actions[0].Reason);
        var container = await _engine.InspectAsync("ak-outpost-reused");
        Assert.Equal(successor.Uuid.ToString("N"), container.Config!.Labels!["io.goauthentik.outpost-uuid"]);
    }

    [Fact]
    public async Task Apply_TwoOutpostsOneName_ReportsErrorForSecond()
    {
        var first = TestOutposts.Managed("Same Name", _engine.Url);
        var second = TestOutposts.Managed("same-name", _engine.Url);

        var plan = await _integration.ApplyAsync(Request(first, second), CancellationToken.None);

        Assert.Equal(DeploymentActionKind.Create, Assert.Single(plan.Actions).Kind);
        var error = Assert.Single(plan.Errors);
        Assert.Equal("same-name", error.Outpost);
        Assert.Equal(
            "A container named 'ak-outpost-same-name' exists but was not created by this host for this outpost (labels io.goauthentik.plugins.managed-by and io.goauthentik.outpost-uuid); rename or remove it, or change object_naming_template.",
            error.Message);
    }

    [Fact]
    public async Task Apply_NameTakenByForeignContainer_ReportsErrorAndLeavesIt()
    {
        using (var client = _engine.CreateClient())
        {
            await client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Name = "ak-outpost-taken",
                Image = PodmanEngine.Image,
                HostConfig = new HostConfig { NetworkMode = "none" },
            });
        }

        var outpost = TestOutposts.Managed("taken", _engine.Url);

        var plan = await _integration.ApplyAsync(Request(outpost), CancellationToken.None);

        Assert.Empty(plan.Actions);
        var error = Assert.Single(plan.Errors);
        Assert.Equal("taken", error.Outpost);
        Assert.Equal($"test engine ({_engine.Url})", error.Connection);
        Assert.Equal(
            "A container named 'ak-outpost-taken' exists but was not created by this host for this outpost (labels io.goauthentik.plugins.managed-by and io.goauthentik.outpost-uuid); rename or remove it, or change object_naming_template.",
            error.Message);
        Assert.Empty((await _engine.InspectAsync("ak-outpost-taken")).Config!.Labels ?? new Dictionary<string, string>());
    }

    [Fact]
    public async Task Apply_UnreachableEngine_ReportsErrorAndReconcilesOthers()
    {
        var missingSocket = $"unix:///tmp/{Guid.NewGuid():N}/docker.sock";
        var unreachable = TestOutposts.Managed("unreachable", missingSocket) with
        {
            ServiceConnection = new ServiceConnectionConfig { Name = "offline engine", Kind = ServiceConnectionKind.Docker, Url = missingSocket },
        };
        var reachable = TestOutposts.Managed("reachable", _engine.Url);

        var plan = await _integration.ApplyAsync(Request(unreachable, reachable), CancellationToken.None);

        var error = Assert.Single(plan.Errors);
        Assert.Equal("unreachable", error.Outpost);
        Assert.Equal($"offline engine ({missingSocket})", error.Connection);
        Assert.StartsWith("The Docker engine is unreachable: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(DeploymentActionKind.Create, Assert.Single(plan.Actions).Kind);
        Assert.Equal(["ak-outpost-reachable"], await _engine.ListNamesAsync());
    }

    [Fact]
    public async Task Apply_InvalidDockerLabels_ReportsErrorAndReconcilesOthers()
    {
        var invalid = TestOutposts.Managed(
            "invalid",
            _engine.Url,
            configure: settings => settings with { DockerLabels = new Dictionary<string, string> { ["bad key"] = "x" } });
        var valid = TestOutposts.Managed("valid", _engine.Url);

        var plan = await _integration.ApplyAsync(Request(invalid, valid), CancellationToken.None);

        var error = Assert.Single(plan.Errors);
        Assert.Equal(new DeploymentError("invalid", $"test engine ({_engine.Url})", "docker_labels has the invalid key 'bad key'; a label key is not empty and contains no white space, control characters or '='."), error);
        Assert.Equal(["ak-outpost-valid"], await _engine.ListNamesAsync());
    }

    [Fact]
    public async Task Apply_RejectedCall_ReportsEngineMessage()
    {
        var outpost = TestOutposts.Managed("rejected", _engine.Url, configure: settings => settings with { DockerNetwork = "no-such-network" });

        var plan = await _integration.ApplyAsync(Request(outpost), CancellationToken.None);

        Assert.Empty(plan.Actions);
        var error = Assert.Single(plan.Errors);
        Assert.Equal("rejected", error.Outpost);
        Assert.StartsWith("The engine rejected the call: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-network", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_ContainerFailsToStart_ReportsError()
    {
        var outpost = TestOutposts.Managed("unstartable", _engine.Url, configure: settings => settings with { ContainerImage = PodmanEngine.UnstartableImage });

        var plan = await _integration.ApplyAsync(Request(outpost), CancellationToken.None);

        Assert.Equal(DeploymentActionKind.Create, Assert.Single(plan.Actions).Kind);
        var error = Assert.Single(plan.Errors);
        Assert.Equal("unstartable", error.Outpost);
        Assert.StartsWith("Container 'ak-outpost-unstartable' exists but the engine failed to start it: 500 InternalServerError: ", error.Message, StringComparison.Ordinal);
        Assert.False((await _engine.InspectAsync("ak-outpost-unstartable")).State!.Running);
    }

    [Fact]
    public async Task Plan_EmptyEngine_ChangesNothingAndMasksToken()
    {
        var outpost = TestOutposts.Managed("planned", _engine.Url);

        var plan = await _integration.PlanAsync(Request(outpost), CancellationToken.None);

        Assert.Empty(plan.Errors);
        var action = Assert.Single(plan.Actions);
        Assert.Equal(DeploymentActionKind.Create, action.Kind);
        Assert.Equal("container", action.Resource);
        Assert.Equal("(Host(`app.example.com`)) && PathPrefix(`/outpost.goauthentik.io`)", action.Labels["traefik.http.routers.ak-outpost-planned-router.rule"]);
        Assert.NotNull(action.Document);
        Assert.Contains("\"AUTHENTIK_TOKEN=********\"", action.Document, StringComparison.Ordinal);
        Assert.DoesNotContain(TestOutposts.Token, action.Document, StringComparison.Ordinal);
        Assert.Empty(await _engine.ListNamesAsync());
    }

    [Fact]
    public async Task Plan_EmbeddedOutpost_IsSkippedWithReason()
    {
        var plan = await _integration.PlanAsync(Request(TestOutposts.Embedded()), CancellationToken.None);

        Assert.Empty(plan.Errors);
        var action = Assert.Single(plan.Actions);
        Assert.Equal(DeploymentActionKind.Skipped, action.Kind);
        Assert.Equal(OutpostConstants.EmbeddedName, action.Outpost);
        Assert.Equal("The embedded outpost runs inside this host, so it gets no container, and no Traefik labels are put on the host's own container.", action.Reason);
        Assert.Empty(action.Labels);
        Assert.False(plan.HasChanges);
    }
}
