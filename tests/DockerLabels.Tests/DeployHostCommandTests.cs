using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.DockerLabels.Tests;

/// <summary>The <c>deploy</c> command and the background reconciler in the built host, with the docker-labels plugin loaded from its drop-in folder.</summary>
public sealed class DeployHostCommandTests
{
    [Fact]
    public async Task DeployPlan_EmbeddedOutpostOnly_SaysItIsSkipped()
    {
        var result = await RunDeployAsync("plan");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(
            """
            Integration docker:
              skipped: outpost authentik Embedded Outpost
                The embedded outpost runs inside this host, so it gets no container, and no Traefik labels are put on the host's own container.

            """,
            result.StandardOutput.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.EndsWith("Nothing to change.\n", result.StandardOutput.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeployApplyJson_EmbeddedOutpostOnly_ChangesNothing()
    {
        var result = await RunDeployAsync("apply", "--json");

        Assert.Equal(0, result.ExitCode);
        var report = JsonNode.Parse(result.StandardOutput)!;
        Assert.Equal("apply", report["command"]!.GetValue<string>());
        Assert.False(report["has_changes"]!.GetValue<bool>());
        Assert.Equal("Nothing changed.", report["summary"]!.GetValue<string>());
        var docker = Assert.Single(report["integrations"]!.AsArray(), integration => integration!["integration"]!.GetValue<string>() == "docker")!;
        var action = Assert.Single(docker["actions"]!.AsArray())!;
        Assert.Equal("skipped", action["kind"]!.GetValue<string>());
        Assert.Equal("authentik Embedded Outpost", action["outpost"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeployPlan_UnknownOutpost_ExitsTwo()
    {
        var result = await RunDeployAsync("plan", "missing");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Outpost 'missing' not found; known outposts: 'authentik Embedded Outpost'.\n", result.StandardOutput.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task DeployPlan_InvalidYaml_ExitsOneWithError()
    {
        var result = await RunDeployWithConfigAsync("outposts:\n  instances: [unclosed\n", "plan");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(
            new Regex("""
                \AThe outposts configuration failed to load: 1 error\(s\)\.
                  error: 'config_file' \(AUTHENTIK_CONFIG_FILE\): the configuration file '[^']+config\.yml' is not valid YAML at line \d+, column \d+: .+; fix the file, it was ignored\.
                Nothing was planned; fix the errors and run deploy plan again\.
                \z
                """),
            result.StandardOutput.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task DeployApply_InvalidOutposts_ExitsOneWithErrors()
    {
        const string Config = """
            outposts:
              instances:
                - name: authentik Embedded Outpost
                  config:
                    authentik_host: auth.example.com
                  providers:
                    - name: whoami
                      external_host: https://whoami.example.com
                      client_id: id
                      client_secret: secret
            """;

        var result = await RunDeployWithConfigAsync(Config, "apply");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            """
            The outposts configuration failed to load: 2 error(s).
              error: 'outposts' (AUTHENTIK_OUTPOSTS): outpost 'authentik Embedded Outpost': authentik_host 'auth.example.com' is not a full URL; set it to https://auth.example.com (scheme and host, optional port).
              error: 'outposts' (AUTHENTIK_OUTPOSTS): provider 'whoami' of outpost 'authentik Embedded Outpost': internal_host is missing; a provider in proxy mode forwards requests to it, so set it to the application's URL, for example http://app:8080, or set mode to forward_single or forward_domain.
            Nothing was applied; fix the errors and run deploy apply again.

            """,
            result.StandardOutput.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task DeployPlanJson_InvalidOutposts_ListsErrors()
    {
        var result = await RunDeployWithConfigAsync("outposts:\n  instances:\n    - name: edge\n      config:\n        refresh_interval: 5m\n", "plan", "--json");

        Assert.Equal(1, result.ExitCode);
        var report = JsonNode.Parse(result.StandardOutput)!;
        Assert.Equal("plan", report["command"]!.GetValue<string>());
        Assert.False(report["has_changes"]!.GetValue<bool>());
        Assert.Equal(1, report["error_count"]!.GetValue<int>());
        Assert.Equal("Nothing was planned; fix the errors and run deploy plan again.", report["summary"]!.GetValue<string>());
        Assert.Equal(
            ["'outposts' (AUTHENTIK_OUTPOSTS): outpost 'edge': refresh_interval '5m' is not in the form hours=1;minutes=2;seconds=3; set it to, for example, minutes=5."],
            report["configuration_errors"]!.AsArray().Select(error => error!.GetValue<string>()));
        Assert.Empty(report["integrations"]!.AsArray());
    }

    [Fact]
    public async Task Serve_AtStart_ReconcilesInBackground()
    {
        await using var host = await HostProcess.StartAsync();

        // The reconciler runs once the host has started; wait for its summary with a generous bound.
        var summary = new Regex(@"Reconciled outpost deployments of snapshot revision \d+: 0 changes, 0 errors\.");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!summary.IsMatch(host.Output) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Matches(summary, host.Output);
    }

    private static Task<HostCommandResult> RunDeployAsync(params string[] arguments) => RunDeployWithConfigAsync(configFile: null, arguments);

    private static Task<HostCommandResult> RunDeployWithConfigAsync(string? configFile, params string[] arguments)
    {
        var options = new HostProcessOptions { ConfigFile = configFile };
        options.Arguments.Add("deploy");
        foreach (var argument in arguments)
        {
            options.Arguments.Add(argument);
        }

        return HostProcess.RunAsync(options);
    }
}
