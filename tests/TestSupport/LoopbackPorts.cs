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

    /// <summary>
    /// Returns <paramref name="count"/> distinct ports that were free on 127.0.0.1 a moment ago.
    /// The listeners stay open until all ports are chosen, so the operating system cannot hand the
    /// same port out twice, as separate <see cref="GetFreePort"/> calls can.
    /// </summary>
    public static int[] GetFreePorts(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var index = 0; index < count; index++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
