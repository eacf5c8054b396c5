using System.Net;
using Authentik.Plugins.Routing;

namespace Authentik.Plugins.EmbeddedOutpost.Tests.Support;

/// <summary>The request origin as the host resolves it for a direct (untrusted) connection.</summary>
internal sealed record TestRequestOrigin(IPAddress ClientAddress, string Scheme, string Host) : IRequestOriginFeature
{
    public bool IsTrustedProxy => false;
}
