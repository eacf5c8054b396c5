using System.Net;
using Authentik.Plugins.Routing;

namespace Authentik.Plugins.Host.Routing;

/// <summary>Where a request came from, as <see cref="RequestOriginMiddleware"/> resolved it.</summary>
internal sealed class RequestOriginFeature : IRequestOriginFeature
{
    public RequestOriginFeature(IPAddress peerAddress, IPAddress clientAddress, string scheme, string host, bool isTrustedProxy)
    {
        PeerAddress = peerAddress;
        ClientAddress = clientAddress;
        Scheme = scheme;
        Host = host;
        IsTrustedProxy = isTrustedProxy;
    }

    /// <summary>The address of the connection's peer, IPv4-mapped addresses unmapped.</summary>
    public IPAddress PeerAddress { get; }

    public IPAddress ClientAddress { get; }

    public string Scheme { get; }

    public string Host { get; }

    public bool IsTrustedProxy { get; }
}
