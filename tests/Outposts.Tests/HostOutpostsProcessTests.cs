using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Outposts.Tests;

/// <summary>The outpost configuration in a real host process: config check, hot reload and the outposts command.</summary>
public sealed class HostOutpostsProcessTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    // Returns whether a provider claimed the host: for an outpost path on a host without one, the
    // host returns authentik's "no app for hostname" body.
    private static async Task<bool> HasProviderAsync(HostProcess host, string hostHeader)
    {
        using var client = HostProcess.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.HttpUri, "/outpost.goauthentik.io/start"));
        request.Headers.Host = hostHeader;
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return !body.Contains("no app for hostname", StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_InvalidOutposts_PrintsEveryProblem()
    {
        var options = new HostProcessOptions
        {
            ConfigFile = """
                outposts:
                  instances:
                    - name: authentik Embedded Outpost
                      config:
                        authentik_host: auth.example.com
                        docker_network: frontend
                      providers:
                        - name: whoami
                          external_host: https://whoami.example.com
                          client_id: id
                          client_secret: secret
                """,
        };
        options.Arguments.Add("config");
        options.Arguments.Add("check");

        var result = await HostProcess.RunAsync(options);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            "error: 'outposts' (AUTHENTIK_OUTPOSTS): outpost 'authentik Embedded Outpost': authentik_host 'auth.example.com' is not a full URL; set it to https://auth.example.com (scheme and host, optional port).",
            result.StandardOutput,
            StringComparison.Ordinal);
        Assert.Contains(
            "error: 'outposts' (AUTHENTIK_OUTPOSTS): provider 'whoami' of outpost 'authentik Embedded Outpost': internal_host is missing;",
            result.StandardOutput,
            StringComparison.Ordinal);
        Assert.Contains(
            "warning: 'outposts' (AUTHENTIK_OUTPOSTS): outpost 'authentik Embedded Outpost': docker_network has no effect on the embedded outpost, which runs inside this host; remove it.",
            result.StandardOutput,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigFileChange_RunningHost_RoutesNewProviderWithoutRestart()
    {
        var configFile = _directory.Combine("config.yml");
        const string Provider = """
            outposts:
              instances:
                - name: authentik Embedded Outpost
                  providers:
                    - name: app
                      external_host: https://HOST
                      mode: forward_single
                      client_id: id
                      client_secret: secret
            """;
        await File.WriteAllTextAsync(configFile, Provider.Replace("HOST", "before.test", StringComparison.Ordinal));
        var options = new HostProcessOptions();
        options.Environment["AUTHENTIK_CONFIG_FILE"] = configFile;
        await using var host = await HostProcess.StartAsync(options);
        await host.WaitForOutputAsync("Read 1 outposts from outposts:instances.");
        Assert.False(await HasProviderAsync(host, "after.test"));

        await File.WriteAllTextAsync(configFile, Provider.Replace("HOST", "after.test", StringComparison.Ordinal));
        await host.WaitForOutputAsync("revision 2 is active");

        Assert.True(await HasProviderAsync(host, "after.test"));
        Assert.False(await HasProviderAsync(host, "before.test"));
    }

    [Fact]
    public async Task OutpostsSet_RunningHost_AppliesWithoutRestart()
    {
        var dataDirectory = _directory.Combine("data");
        Directory.CreateDirectory(dataDirectory);
        var options = new HostProcessOptions { DataDirectory = dataDirectory };
        options.Environment["AUTHENTIK_OUTPOSTS__STATE_POLL_INTERVAL"] = "00:00:01";
        await using var host = await HostProcess.StartAsync(options);

        var command = new HostProcessOptions { DataDirectory = dataDirectory };
        foreach (var argument in new[] { "outposts", "set", "authentik Embedded Outpost", "authentik_host=https://auth.example.com" })
        {
            command.Arguments.Add(argument);
        }

        var result = await HostProcess.RunAsync(command);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("authentik_host is now https://auth.example.com", result.StandardOutput, StringComparison.Ordinal);
        await host.WaitForOutputAsync("Outpost 'authentik Embedded Outpost' uses authentik_host https://auth.example.com from the local state.");

        var list = new HostProcessOptions { DataDirectory = dataDirectory };
        list.Arguments.Add("outposts");
        var listed = await HostProcess.RunAsync(list);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("  authentik_host: https://auth.example.com (local state)", listed.StandardOutput, StringComparison.Ordinal);
    }
}
