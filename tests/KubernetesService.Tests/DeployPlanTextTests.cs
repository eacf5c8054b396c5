using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.KubernetesService.Tests;

/// <summary>The text form of <c>deploy plan</c> in the built host, against the test API server.</summary>
public sealed class DeployPlanTextTests : IClassFixture<KubernetesTestContext>
{
    private readonly KubernetesTestContext _context;

    public DeployPlanTextTests(KubernetesTestContext context)
    {
        _context = context;
    }

    [Fact]
    public async Task DeployPlan_EmbeddedOutpost_PrintsServiceYaml()
    {
        var expected = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Expected", "embedded-outpost-service.yaml"));
        var options = new HostProcessOptions
        {
            ConfigFile = $"""
                outposts:
                  instances:
                    - name: authentik Embedded Outpost
                      uuid: {KubernetesTestContext.EmbeddedUuid}
                      embedded: true
                      service_connection:
                        name: {_context.Connection.Name}
                        kind: kubernetes
                        kubeconfig: {_context.Connection.Kubeconfig}
                        kubeconfig_context: {_context.Connection.KubeconfigContext}
                """,
        };
        options.Arguments.Add("deploy");
        options.Arguments.Add("plan");

        var result = await HostProcess.RunAsync(options);

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}");
        var indentedYaml = string.Concat(expected.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(line => $"      {line}\n"));
        Assert.Contains(
            "Integration kubernetes:\n"
            + "  create: outpost authentik Embedded Outpost Service default/ak-outpost-authentik-embedded-outpost\n"
            + "    the Service does not exist\n"
            + "    labels:\n",
            result.StandardOutput.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.Contains("    document:\n" + indentedYaml + "Plan: 1 change.\n", result.StandardOutput.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Empty(_context.Server.Writes);
    }
}
