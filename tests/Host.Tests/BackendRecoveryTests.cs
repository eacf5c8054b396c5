using System.Net;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

public sealed class BackendRecoveryTests
{
    [Fact]
    public async Task Backend_UnhealthyThenHealthy_StartingThenForwarded()
    {
        await using var backend = await EchoBackend.StartAsync();
        backend.IsHealthy = false;
        await using var host = await HostProcess.StartAsync(new HostProcessOptions { BackendUrl = backend.Url });
        using var client = HostProcess.CreateClient();
        await host.WaitForOutputAsync("is not healthy (status 503)");

        using var starting = await client.GetAsync(host.HttpUri);
        backend.IsHealthy = true;
        await host.WaitForStatusAsync("/-/health/ready/", HttpStatusCode.OK);
        using var forwarded = await client.GetAsync(host.HttpUri);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, starting.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.Equal("/", (await BackendEcho.ReadAsync(forwarded)).Path);
    }
}
