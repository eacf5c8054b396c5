using Authentik.Plugins.Host.Configuration;
using Authentik.Plugins.Host.Outposts;
using Authentik.Plugins.Host.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.Outposts.Tests;

public sealed class OutpostsCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteLocalStateStore _state;
    private readonly ConfigurationReport _report = new();

    public OutpostsCommandTests()
    {
        _state = new SqliteLocalStateStore(_directory.Combine("state.db"), TimeProvider.System);
    }

    public void Dispose() => _directory.Dispose();

    private OutpostsCommand CreateCommand(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)))
            .Build();
        return new OutpostsCommand(configuration, _report, _state, Options.Create(new OutpostsOptions()), new ServiceCollection().BuildServiceProvider());
    }

    private static readonly (string, string)[] TwoOutposts =
    [
        ("outposts:instances:0:name", "authentik Embedded Outpost"),
        ("outposts:instances:0:uuid", "0b6f5c9e-7a43-4d1e-8c1f-3d2a9e4b5c60"),
        ("outposts:instances:0:providers:0:name", "whoami"),
        ("outposts:instances:0:providers:0:external_host", "https://whoami.example.com"),
        ("outposts:instances:0:providers:0:internal_host", "http://whoami"),
        ("outposts:instances:0:providers:0:client_id", "id"),
        ("outposts:instances:0:providers:0:client_secret", "secret"),
        ("outposts:instances:1:name", "edge"),
        ("outposts:instances:1:uuid", "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a"),
        ("outposts:instances:1:config:authentik_host", "https://auth.example.com"),
    ];

    private static async Task<(int ExitCode, string Output)> RunAsync(OutpostsCommand command, params string[] arguments)
    {
        using var output = new StringWriter();
        var exitCode = await command.RunAsync(arguments, output, CancellationToken.None);
        return (exitCode, output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Run_NoArguments_ListsOutposts()
    {
        var (exitCode, output) = await RunAsync(CreateCommand(TwoOutposts));

        Assert.Equal(0, exitCode);
        Assert.Equal(
            """
            authentik Embedded Outpost
              uuid: 0b6f5c9e7a434d1e8c1f3d2a9e4b5c60
              embedded: yes
              authentik_host: (not set)
              providers: 1
                whoami: https://whoami.example.com (proxy)
            edge
              uuid: 5d4c3b2a1f0e4d9c8b7a6f5e4d3c2b1a
              embedded: no
              authentik_host: https://auth.example.com
              providers: 0

            """,
            output);
    }

    [Fact]
    public async Task Run_SetValidUrl_WritesStateAndListsIt()
    {
        var command = CreateCommand(TwoOutposts);

        var (exitCode, output) = await RunAsync(command, "set", "authentik Embedded Outpost", "authentik_host=https://auth.example.com/");
        var (_, listed) = await RunAsync(command, "list");

        Assert.Equal(0, exitCode);
        Assert.Equal("outpost 'authentik Embedded Outpost': authentik_host is now https://auth.example.com; a running host applies it within 5 s.\n", output);
        Assert.Equal("https://auth.example.com", await _state.GetAsync(OutpostStateKeys.AuthentikHostScope, "authentik Embedded Outpost", CancellationToken.None));
        Assert.Contains("  authentik_host: https://auth.example.com (local state)\n", listed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("authentik_host=auth.example.com", "outpost 'edge': authentik_host 'auth.example.com' is not a full URL; set it to https://auth.example.com (scheme and host, optional port).\n")]
    [InlineData("authentik_host=https://auth.example.com/if/admin/", "outpost 'edge': authentik_host 'https://auth.example.com/if/admin/' has more than scheme, host and port; set it to https://auth.example.com.\n")]
    [InlineData("authentik_host=", "outpost 'edge': authentik_host is empty; set it to the URL browsers reach authentik at, for example https://auth.example.com.\n")]
    public async Task Run_SetInvalidUrl_RejectsWithFix(string assignment, string expected)
    {
        var (exitCode, output) = await RunAsync(CreateCommand(TwoOutposts), "set", "edge", assignment);

        Assert.Equal(1, exitCode);
        Assert.Equal(expected, output);
        Assert.Empty(await _state.GetAllAsync(OutpostStateKeys.AuthentikHostScope, CancellationToken.None));
    }

    [Fact]
    public async Task Run_SetUnknownOutpost_NamesTheOutposts()
    {
        var (exitCode, output) = await RunAsync(CreateCommand(TwoOutposts), "set", "Edge", "authentik_host=https://auth.example.com");

        Assert.Equal(1, exitCode);
        Assert.Equal("outpost 'Edge' is not found; the outposts are 'authentik Embedded Outpost', 'edge'.\n", output);
    }

    [Fact]
    public async Task Run_SetOtherKey_Rejected()
    {
        var (exitCode, output) = await RunAsync(CreateCommand(TwoOutposts), "set", "edge", "log_level=debug");

        Assert.Equal(2, exitCode);
        Assert.Equal("'log_level=debug' does not set authentik_host; only authentik_host can be set here, as authentik_host=https://auth.example.com. Change other keys in the configuration or in authentik.\n", output);
    }

    [Fact]
    public async Task Run_InvalidConfiguration_PrintsErrors()
    {
        var (exitCode, output) = await RunAsync(CreateCommand(("outposts:instances:0:name", "edge"), ("outposts:instances:0:config:refresh_interval", "5m")));

        Assert.Equal(1, exitCode);
        Assert.Equal(
            """
            The outposts configuration failed to load: 1 error(s).
              error: 'outposts' (AUTHENTIK_OUTPOSTS): outpost 'edge': refresh_interval '5m' is not in the form hours=1;minutes=2;seconds=3; set it to, for example, minutes=5.

            """,
            output);
    }

    [Fact]
    public async Task Run_ConfigurationFileFailed_ListsNothing()
    {
        _report.AddError(ConfigurationKeys.ConfigFile, "the configuration file '/etc/outposts.yml' is not valid YAML; fix the file, it was ignored.");

        var (exitCode, output) = await RunAsync(CreateCommand(TwoOutposts), "list");

        Assert.Equal(1, exitCode);
        Assert.Equal(
            """
            The outposts configuration failed to load: 1 error(s).
              error: 'config_file' (AUTHENTIK_CONFIG_FILE): the configuration file '/etc/outposts.yml' is not valid YAML; fix the file, it was ignored.

            """,
            output);
    }

    [Fact]
    public async Task Run_SetWithConfigurationFileFailed_WritesNothing()
    {
        _report.AddError(ConfigurationKeys.ConfigFile, "the configuration file '/etc/outposts.yml' is not valid YAML; fix the file, it was ignored.");

        var (exitCode, output) = await RunAsync(CreateCommand(TwoOutposts), "set", "edge", "authentik_host=https://auth.example.com");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("The outposts configuration failed to load: 1 error(s).\n", output, StringComparison.Ordinal);
        Assert.Empty(await _state.GetAllAsync(OutpostStateKeys.AuthentikHostScope, CancellationToken.None));
    }

    [Fact]
    public async Task Run_SetThenSynchronize_RunningStorePicksUpValue()
    {
        var store = new OutpostSnapshotStore(Microsoft.Extensions.Logging.Abstractions.NullLogger<OutpostSnapshotStore>.Instance);
        using var synchronizer = new OutpostStateSynchronizer(_state, store, Options.Create(new OutpostsOptions()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<OutpostStateSynchronizer>.Instance);
        await synchronizer.SynchronizeAsync(CancellationToken.None);

        await RunAsync(CreateCommand(), "set", OutpostConstants.EmbeddedName, "authentik_host=https://set.example.com");
        await synchronizer.SynchronizeAsync(CancellationToken.None);

        Assert.Equal("https://set.example.com", store.GetSnapshot().Embedded?.Settings.AuthentikHost);
    }

    [Fact]
    public async Task Run_UnsetStoredValue_ConfiguredValueApplies()
    {
        var command = CreateCommand(TwoOutposts);
        await RunAsync(command, "set", "edge", "authentik_host=https://stored.example.com");

        var (exitCode, output) = await RunAsync(command, "unset", "edge", "authentik_host");
        var (_, listed) = await RunAsync(command, "list");

        Assert.Equal(0, exitCode);
        Assert.Equal("outpost 'edge': authentik_host https://stored.example.com is removed from the local state, so the value from the configuration or the authentik API applies again; a running host applies it within 5 s.\n", output);
        Assert.Empty(await _state.GetAllAsync(OutpostStateKeys.AuthentikHostScope, CancellationToken.None));
        Assert.Contains("edge\n  uuid: 5d4c3b2a1f0e4d9c8b7a6f5e4d3c2b1a\n  embedded: no\n  authentik_host: https://auth.example.com\n", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnsetNothingStored_NamesStoredOutposts()
    {
        var command = CreateCommand(TwoOutposts);
        var (emptyExitCode, emptyOutput) = await RunAsync(command, "unset", "edge", "authentik_host");
        await RunAsync(command, "set", "authentik Embedded Outpost", "authentik_host=https://stored.example.com");

        var (exitCode, output) = await RunAsync(command, "unset", "Edge", "authentik_host");

        Assert.Equal(1, emptyExitCode);
        Assert.Equal("outpost 'edge' has no authentik_host in the local state; no outpost has one.\n", emptyOutput);
        Assert.Equal(1, exitCode);
        Assert.Equal("outpost 'Edge' has no authentik_host in the local state; the outposts with one are 'authentik Embedded Outpost'.\n", output);
        Assert.Equal("https://stored.example.com", await _state.GetAsync(OutpostStateKeys.AuthentikHostScope, "authentik Embedded Outpost", CancellationToken.None));
    }

    [Fact]
    public async Task Run_UnsetWithConfigurationFileFailed_RemovesValue()
    {
        var command = CreateCommand(TwoOutposts);
        await RunAsync(command, "set", "edge", "authentik_host=https://stored.example.com");
        _report.AddError(ConfigurationKeys.ConfigFile, "the configuration file '/etc/outposts.yml' is not valid YAML; fix the file, it was ignored.");

        var (exitCode, _) = await RunAsync(command, "unset", "edge", "authentik_host");

        Assert.Equal(0, exitCode);
        Assert.Empty(await _state.GetAllAsync(OutpostStateKeys.AuthentikHostScope, CancellationToken.None));
    }

    [Fact]
    public async Task Run_UnsetOtherKey_Rejected()
    {
        var (exitCode, output) = await RunAsync(CreateCommand(TwoOutposts), "unset", "edge", "log_level");

        Assert.Equal(2, exitCode);
        Assert.Equal("'log_level' cannot be unset; only authentik_host can be unset here, as: outposts unset <outpost name> authentik_host.\n", output);
    }

    [Fact]
    public async Task Run_UnsetThenSynchronize_RunningStoreDropsValue()
    {
        var store = new OutpostSnapshotStore(Microsoft.Extensions.Logging.Abstractions.NullLogger<OutpostSnapshotStore>.Instance);
        using var synchronizer = new OutpostStateSynchronizer(_state, store, Options.Create(new OutpostsOptions()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<OutpostStateSynchronizer>.Instance);
        await RunAsync(CreateCommand(), "set", OutpostConstants.EmbeddedName, "authentik_host=https://set.example.com");
        await synchronizer.SynchronizeAsync(CancellationToken.None);

        await RunAsync(CreateCommand(), "unset", OutpostConstants.EmbeddedName, "authentik_host");
        await synchronizer.SynchronizeAsync(CancellationToken.None);

        Assert.Equal("", store.GetSnapshot().Embedded?.Settings.AuthentikHost);
        Assert.Empty(store.AuthentikHostOverrides);
    }

    [Fact]
    public async Task Run_UnknownVerb_PrintsUsage()
    {
        var (exitCode, output) = await RunAsync(CreateCommand(), "remove", "edge");

        Assert.Equal(2, exitCode);
        Assert.Equal(
            """
            usage: outposts [list]
                   outposts set <outpost name> authentik_host=<https://host[:port]>
                   outposts unset <outpost name> authentik_host

            """,
            output);
    }
}
