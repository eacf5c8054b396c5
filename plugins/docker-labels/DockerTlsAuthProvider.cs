using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet.Handler.Abstractions;

namespace Authentik.Plugins.DockerLabels;

/// <summary>
/// TLS towards a Docker engine on TCP: the engine's certificate is checked against the
/// connection's CA file (or the system trust store when there is none), and the client
/// certificate, when configured, is presented.
/// </summary>
internal sealed class DockerTlsAuthProvider : IAuthProvider, IDisposable
{
    private readonly X509Certificate2? _clientCertificate;
    private readonly X509Certificate2Collection _trustedRoots = [];

    /// <summary>Loads the PEM files of <paramref name="endpoint"/>.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A file is not valid PEM.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public DockerTlsAuthProvider(DockerEngineEndpoint endpoint)
    {
        if (endpoint.TlsCaFile is not null)
        {
            _trustedRoots.ImportFromPemFile(endpoint.TlsCaFile);
        }

        if (endpoint.TlsCertificateFile is not null)
        {
            _clientCertificate = X509Certificate2.CreateFromPemFile(endpoint.TlsCertificateFile);
        }
    }

    /// <inheritdoc />
    public bool TlsEnabled => true;

    /// <inheritdoc />
    public HttpMessageHandler ConfigureHandler(HttpMessageHandler handler)
    {
        if (handler is not SocketsHttpHandler socketsHandler)
        {
            throw new InvalidOperationException($"TLS to the Docker engine needs the native HTTP transport, not {handler.GetType().Name}.");
        }

        socketsHandler.SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = _clientCertificate is null ? null : [_clientCertificate],
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateChainPolicy = _trustedRoots.Count == 0 ? null : CreateChainPolicy(),
        };

        return socketsHandler;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _clientCertificate?.Dispose();
        foreach (var certificate in _trustedRoots)
        {
            certificate.Dispose();
        }
    }

    private X509ChainPolicy CreateChainPolicy()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(_trustedRoots);

        return policy;
    }
}
