using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Authentik.Plugins.Host.Configuration;

/// <summary>Parses listen addresses in authentik's <c>host:port</c> form.</summary>
internal static class ListenAddress
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string ExpectedForm = "expected <ip>:<port> such as 0.0.0.0:9000, [::]:9000, :9000 (all IPv4 interfaces) or localhost:9000";

    /// <summary>
    /// Parses <c>ip:port</c>, <c>[ipv6]:port</c>, <c>:port</c> (all IPv4 interfaces) or
    /// <c>localhost:port</c>. The port is required; an IPv6 address needs brackets.
    /// </summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out IPEndPoint? endpoint)
    {
        endpoint = null;

        var separator = value.LastIndexOf(':');
        if (separator < 0
            || !int.TryParse(value.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > IPEndPoint.MaxPort)
        {
            return false;
        }

        var host = value[..separator];
        IPAddress? address;
        if (host.Length == 0)
        {
            address = IPAddress.Any;
        }
        else if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (host.StartsWith('[') && host.EndsWith(']'))
        {
            if (!IPAddress.TryParse(host.AsSpan(1, host.Length - 2), out address)
                || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return false;
            }
        }
        else if (host.Contains(':', StringComparison.Ordinal) || !IPAddress.TryParse(host, out address))
        {
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }
}
