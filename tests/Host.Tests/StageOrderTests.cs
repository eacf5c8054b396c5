using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

public sealed class StageOrderTests
{
    [Fact]
    public async Task RoutesCommand_PluginStages_PrintsEffectiveOrder()
    {
        var plugins = new TestPluginDirectory();
        try
        {
            plugins.AddFixture(TestPluginDirectory.Hello, "a-before-core");
            plugins.AddFixture(TestPluginDirectory.Hello, "b-after-outpost-paths");
            plugins.AddFixture(TestPluginDirectory.Hello, "c-after-a");
            plugins.AddFixture(TestPluginDirectory.Hello, "d-before-core");
            var config = """
                plugins:
                  a-before-core:
                    name: first
                  b-after-outpost-paths:
                    name: second
                    relation: After
                    anchor: outpost_paths
                  c-after-a:
                    name: third
                    relation: After
                    anchor: first
                  d-before-core:
                    name: fourth
                """;

            var result = await RunRoutesAsync(plugins, config);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(
                """
                Routing stages, in the order requests meet them:
                   1. outpost_paths   dest=embedded_outpost  built-in
                   2. second          dest=hello             plugin 'b-after-outpost-paths'
                   3. provider_hosts  dest=embedded_outpost  built-in
                   4. first           dest=hello             plugin 'a-before-core'
                   5. third           dest=hello             plugin 'c-after-a'
                   6. fourth          dest=hello             plugin 'd-before-core'
                   7. core            dest=core              built-in

                """,
                result.StandardOutput);
        }
        finally
        {
            plugins.Delete();
        }
    }

    [Fact]
    public async Task RoutesCommand_InvalidPlacements_LeavesStagesOutWithReasons()
    {
        var plugins = new TestPluginDirectory();
        try
        {
            plugins.AddFixture(TestPluginDirectory.Hello, "after-core");
            plugins.AddFixture(TestPluginDirectory.Hello, "duplicate-of-builtin");
            plugins.AddFixture(TestPluginDirectory.Hello, "duplicate-one");
            plugins.AddFixture(TestPluginDirectory.Hello, "duplicate-two");
            plugins.AddFixture(TestPluginDirectory.Hello, "unknown-anchor");
            var config = """
                plugins:
                  after-core:
                    name: late
                    relation: After
                    anchor: core
                  duplicate-of-builtin:
                    name: Core
                  duplicate-one:
                    name: twin
                  duplicate-two:
                    name: twin
                  unknown-anchor:
                    name: lost
                    anchor: nowhere
                """;

            var result = await RunRoutesAsync(plugins, config);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("   3. twin            dest=hello             plugin 'duplicate-one'\n", result.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("Left out:\n", result.StandardOutput, StringComparison.Ordinal);
            Assert.Contains(
                "  - 'late' from plugin 'after-core': it is placed after 'core', which handles every request and must stay last; place it before 'core' instead.\n",
                result.StandardOutput,
                StringComparison.Ordinal);
            Assert.Contains(
                "  - 'Core' from plugin 'duplicate-of-builtin': the name 'Core' is already taken by a stage from built-in; stage names must be unique (compared case-insensitively).\n",
                result.StandardOutput,
                StringComparison.Ordinal);
            Assert.Contains(
                "  - 'twin' from plugin 'duplicate-two': the name 'twin' is already taken by a stage from plugin 'duplicate-one'; stage names must be unique (compared case-insensitively).\n",
                result.StandardOutput,
                StringComparison.Ordinal);
            Assert.Contains(
                "  - 'lost' from plugin 'unknown-anchor': its placement before 'nowhere' names an unknown stage; known stages are 'outpost_paths', 'provider_hosts', 'core', 'late', 'twin', 'lost'.\n",
                result.StandardOutput,
                StringComparison.Ordinal);
        }
        finally
        {
            plugins.Delete();
        }
    }

    private static Task<HostCommandResult> RunRoutesAsync(TestPluginDirectory plugins, string config)
    {
        var options = new HostProcessOptions { PluginDirectory = plugins.Path, ConfigFile = config };
        options.Arguments.Add("routes");
        return HostProcess.RunAsync(options);
    }
}
