using System.Net;
using System.Net.Sockets;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

public sealed class ListenerStartTests
{
    [Fact]
    public async Task Start_HttpPortInUse_ExitsWithOneMessage()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var address = (IPEndPoint)occupant.LocalEndpoint;
        var options = new HostProcessOptions();
        options.Environment["AUTHENTIK_LISTEN__HTTP"] = address.ToString();

        var result = await HostProcess.RunAsync(options);
        var output = result.StandardOutput + result.StandardError;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            $"The host cannot start: 'listen:http' (AUTHENTIK_LISTEN__HTTP): {address} cannot be bound (Address already in use); stop the process that uses the address or choose another one.",
            output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("crit: Microsoft.Extensions.Hosting", output, StringComparison.Ordinal);
        Assert.DoesNotContain("fail: Microsoft.Extensions.Hosting", output, StringComparison.Ordinal);
    }
}
