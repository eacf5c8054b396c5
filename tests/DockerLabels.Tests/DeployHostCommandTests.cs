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

    private static Task<HostCommandResult> RunDeployAsync(params string[] arguments)
    {
        var options = new HostProcessOptions();
        options.Arguments.Add("deploy");
        foreach (var argument in arguments)
        {
            options.Arguments.Add(argument);
        }

        return HostProcess.RunAsync(options);
    }
}
