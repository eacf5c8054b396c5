using System.Text.Json.Nodes;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.DockerLabels.Tests;

/// <summary>The built host's <c>deploy</c> command with an outpost declared in its configuration file and deployed to the Podman engine.</summary>
[Collection(PodmanEngineDefinition.Name)]
public sealed class DeployFileOutpostTests : IAsyncLifetime
{
    private readonly PodmanEngine _engine;

    public DeployFileOutpostTests(PodmanEngine engine)
    {
        _engine = engine;
    }

    public Task InitializeAsync() => _engine.RemoveAllContainersAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DeployPlanAndApply_FileOutpost_DeploysContainer()
    {
        var plan = await RunAsync("plan");

        Assert.Equal(0, plan.ExitCode);
        var output = plan.StandardOutput.ReplaceLineEndings("\n");
        Assert.Contains(
            """
              create: outpost file outpost container ak-outpost-file-outpost
                The container does not exist. docker_map_ports is on, but no ports are published on the 'none' network, where Docker ignores port bindings.
                labels:
                  io.goauthentik.outpost-uuid=cccccccc111142228333444444444444
                  io.goauthentik.plugins.managed-by=authentik-plugins
                  com.example.team=platform
                  traefik.enable=true
                  traefik.http.routers.ak-outpost-file-outpost-router.rule=(Host(`app.example.com`)) && PathPrefix(`/outpost.goauthentik.io`)

            """,
            output,
            StringComparison.Ordinal);
        Assert.Contains("  skipped: outpost authentik Embedded Outpost\n", output, StringComparison.Ordinal);
        Assert.EndsWith("Plan: 1 change.\n", output, StringComparison.Ordinal);
        Assert.Empty(await _engine.ListNamesAsync());

        var apply = await RunAsync("apply");

        Assert.Equal(0, apply.ExitCode);
        Assert.EndsWith("Applied 1 change.\n", apply.StandardOutput.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var container = await _engine.InspectAsync("ak-outpost-file-outpost");
        Assert.Contains("AUTHENTIK_TOKEN=file-outpost-token", container.Config!.Env!);
        Assert.Equal("platform", container.Config.Labels!["com.example.team"]);

        var again = await RunAsync("apply", "--json");

        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("file-outpost-token", again.StandardOutput, StringComparison.Ordinal);
        var report = JsonNode.Parse(again.StandardOutput)!;
        Assert.Equal("Nothing changed.", report["summary"]!.GetValue<string>());
        Assert.False(report["has_changes"]!.GetValue<bool>());
    }

    private Task<HostCommandResult> RunAsync(params string[] arguments)
    {
        var options = new HostProcessOptions
        {
            ConfigFile = $$"""
                outposts:
                  instances:
                    - name: file outpost
                      uuid: cccccccc-1111-4222-8333-444444444444
                      token: file-outpost-token
                      service_connection:
                        name: podman
                        kind: docker
                        url: {{_engine.Url}}
                      config:
                        authentik_host: https://auth.example.com
                        container_image: {{PodmanEngine.Image}}
                        docker_network: none
                        docker_labels:
                          com.example.team: platform
                      providers:
                        - name: app
                          external_host: https://app.example.com
                          internal_host: http://127.0.0.1:1
                          client_id: app-client
                          client_secret: app-secret
                """,
        };
        options.Arguments.Add("deploy");
        foreach (var argument in arguments)
        {
            options.Arguments.Add(argument);
        }

        return HostProcess.RunAsync(options);
    }
}
