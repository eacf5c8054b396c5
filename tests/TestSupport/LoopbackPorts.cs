using System.Net;
using System.Net.Sockets;

namespace Authentik.Plugins.TestSupport;

/// <summary>Free TCP ports on 127.0.0.1 for servers the tests start.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// Returns a port that was free on 127.0.0.1 a moment ago. Another process can take it before
    /// the caller binds it, so callers that can bind port 0 themselves should do that instead.
    /// </summary>
    public static int GetFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        return port;
    }
}
