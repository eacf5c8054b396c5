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
        return new OutpostsCommand(configuration, _state, Options.Create(new OutpostsOptions()), new ServiceCollection().BuildServiceProvider());
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
        Assert.Equal("error: outpost 'edge': refresh_interval '5m' is not in the form hours=1;minutes=2;seconds=3; set it to, for example, minutes=5.\n", output);
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
    public async Task Run_UnknownVerb_PrintsUsage()
    {
        var (exitCode, output) = await RunAsync(CreateCommand(), "remove", "edge");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("usage: outposts [list]", output, StringComparison.Ordinal);
    }
}
