using System.Net;

namespace Authentik.Plugins.Routing;

/// <summary>
/// Where a request came from, resolved once by the host before routing: from the connection, or
/// from the <c>X-Forwarded-*</c> headers when the connection's peer is inside the trusted proxy
/// networks. Available as an <c>HttpContext</c> feature.
/// </summary>
public interface IRequestOriginFeature
{
    /// <summary>The client address: the first <c>X-Forwarded-For</c> entry from a trusted proxy, else the peer address.</summary>
    IPAddress ClientAddress { get; }

    /// <summary><c>http</c> or <c>https</c>, from a trusted proxy's <c>X-Forwarded-Proto</c>, else the connection's scheme.</summary>
    string Scheme { get; }

    /// <summary>The host with its port when one was named, from a trusted proxy's <c>X-Forwarded-Host</c>, else the <c>Host</c> header.</summary>
    string Host { get; }

    /// <summary>Whether the connection's peer is inside the trusted proxy networks.</summary>
    bool IsTrustedProxy { get; }
}
