using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Authentik.Plugins.Host.Configuration;

namespace Authentik.Plugins.Host.Security;

/// <summary>
/// The certificate of the HTTPS listeners: the PEM pair from <c>tls:certificate</c> and
/// <c>tls:key</c>, else a self-signed certificate generated at start like authentik's fallback
/// certificate (RSA 2048, <c>O=authentik</c>, <c>CN=authentik default certificate</c>, DNS name
/// <c>*</c>, valid for one year).
/// </summary>
internal sealed partial class ServerCertificateProvider : IDisposable
{
    public const string DefaultCommonName = "authentik default certificate";
    public const string DefaultOrganization = "authentik";

    private readonly Lazy<X509Certificate2> _certificate;

    public ServerCertificateProvider(HostSettings settings, TimeProvider timeProvider, ILogger<ServerCertificateProvider> logger)
    {
        _certificate = new(() => settings.TlsCertificatePath is { } certificatePath && settings.TlsKeyPath is { } keyPath
            ? LoadPem(certificatePath, keyPath, logger)
            : CreateSelfSigned(timeProvider, logger));
    }

    /// <summary>The certificate, loaded or generated on first use.</summary>
    public X509Certificate2 Certificate => _certificate.Value;

    public void Dispose()
    {
        if (_certificate.IsValueCreated)
        {
            _certificate.Value.Dispose();
        }
    }

    private static X509Certificate2 LoadPem(string certificatePath, string keyPath, ILogger logger)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        Log.CertificateLoaded(logger, certificatePath, pem.Subject);

        // Kestrel on Windows needs a key that is not ephemeral; a PKCS #12 round trip gives one.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }

    private static X509Certificate2 CreateSelfSigned(TimeProvider timeProvider, ILogger logger)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName(DefaultOrganization);
        subject.AddCommonName(DefaultCommonName);

        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("*");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));

        var now = timeProvider.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        Log.SelfSignedCertificateCreated(logger, certificate.Subject, certificate.NotAfter);

        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    private static partial class Log
    {
        [LoggerMessage(1025, LogLevel.Information, "HTTPS listeners use the certificate '{Subject}' from '{Path}'.", EventName = nameof(CertificateLoaded))]
        public static partial void CertificateLoaded(ILogger logger, string path, string subject);

        [LoggerMessage(1026, LogLevel.Information, "No TLS certificate is configured, so HTTPS listeners use the self-signed certificate '{Subject}', valid until {NotAfter}.", EventName = nameof(SelfSignedCertificateCreated))]
        public static partial void SelfSignedCertificateCreated(ILogger logger, string subject, DateTime notAfter);
    }
}
