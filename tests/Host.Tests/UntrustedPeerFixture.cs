using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

/// <summary>A host that trusts only 10.0.0.0/8, so the tests' requests from 127.0.0.1 come from an untrusted peer.</summary>
public sealed class UntrustedPeerFixture : HostWithBackendFixture
{
    protected override void Configure(HostProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        options.Environment["AUTHENTIK_LISTEN__TRUSTED_PROXY_CIDRS"] = "10.0.0.0/8";
    }
}
