using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

public sealed class CommandTests
{
    [Fact]
    public async Task UnknownCommand_PrintsUsageAndFails()
    {
        var options = new HostProcessOptions();
        options.Arguments.Add("frobnicate");

        var result = await HostProcess.RunAsync(options);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Unknown command 'frobnicate'.\nUsage: Authentik.Plugins.Host [command [arguments]]\n", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("\n  config    check: prints every configuration error and warning; exits 1 when there is an error.\n", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("\n  deploy    plan|apply [outpost] [--json]: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("\n  outposts  ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("\n  plugins   ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("\n  routes    ", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task Help_PrintsUsageAndSucceeds()
    {
        var options = new HostProcessOptions();
        options.Arguments.Add("--help");

        var result = await HostProcess.RunAsync(options);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: Authentik.Plugins.Host [command [arguments]]\n", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCommand_WithoutCheck_PrintsItsUsage()
    {
        var options = new HostProcessOptions();
        options.Arguments.Add("config");

        var result = await HostProcess.RunAsync(options);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Usage: config check\n", result.StandardOutput);
    }

    [Fact]
    public async Task RoutesCommand_NoPlugins_PrintsBuiltInOrder()
    {
        var plugins = new TestPluginDirectory();
        try
        {
            var options = new HostProcessOptions { PluginDirectory = plugins.Path };
            options.Arguments.Add("routes");

            var result = await HostProcess.RunAsync(options);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(
                """
                Routing stages, in the order requests meet them:
                   1. outpost_paths   dest=embedded_outpost  built-in
                   2. provider_hosts  dest=embedded_outpost  built-in
                   3. core            dest=core              built-in

                """,
                result.StandardOutput);
        }
        finally
        {
            plugins.Delete();
        }
    }

    [Fact]
    public async Task Serve_Start_LogsStageOrder()
    {
        await using var host = await HostProcess.StartAsync();

        await host.WaitForOutputAsync("Routing stages in order: static -> outpost_paths -> provider_hosts -> core.");
    }
}
