using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

public sealed class TlsTests : IClassFixture<HostWithBackendFixture>
{
    private readonly HostWithBackendFixture _fixture;

    public TlsTests(HostWithBackendFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task DefaultCertificate_NoneConfigured_IsAuthentikSelfSigned()
    {
        using var certificate = await GetServerCertificateAsync(_fixture.Host.HttpsUri, "app.example.com");

        Assert.Equal("O=authentik, CN=authentik default certificate", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.Equal(2048, certificate.GetRSAPublicKey()?.KeySize);
        var names = Assert.IsType<X509SubjectAlternativeNameExtension>(
            certificate.Extensions.Single(extension => extension is X509SubjectAlternativeNameExtension), exactMatch: false);
        Assert.Equal(["*"], names.EnumerateDnsNames());
        Assert.InRange((certificate.NotAfter - certificate.NotBefore).TotalDays, 365, 367);
    }

    [Fact]
    public async Task ConfiguredPem_CertificateAndKey_AreServed()
    {
        var directory = Directory.CreateTempSubdirectory("authentik-plugins-tls-").FullName;
        try
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=pem.example.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            var certificatePath = Path.Combine(directory, "cert.pem");
            var keyPath = Path.Combine(directory, "key.pem");
            await File.WriteAllTextAsync(certificatePath, created.ExportCertificatePem());
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
            var options = new HostProcessOptions();
            options.Environment["AUTHENTIK_TLS__CERTIFICATE"] = certificatePath;
            options.Environment["AUTHENTIK_TLS__KEY"] = keyPath;

            await using var host = await HostProcess.StartAsync(options);
            using var served = await GetServerCertificateAsync(host.HttpsUri, "pem.example.test");

            Assert.Equal("CN=pem.example.test", served.Subject);
            Assert.Equal(created.Thumbprint, served.Thumbprint);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ConfiguredPem_KeyNotMatching_IsReported()
    {
        var directory = Directory.CreateTempSubdirectory("authentik-plugins-tls-").FullName;
        try
        {
            using var key = RSA.Create(2048);
            using var otherKey = RSA.Create(2048);
            var request = new CertificateRequest("CN=pem.example.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            var certificatePath = Path.Combine(directory, "cert.pem");
            var keyPath = Path.Combine(directory, "key.pem");
            await File.WriteAllTextAsync(certificatePath, created.ExportCertificatePem());
            await File.WriteAllTextAsync(keyPath, otherKey.ExportPkcs8PrivateKeyPem());
            var options = new HostProcessOptions();
            options.Environment["AUTHENTIK_TLS__CERTIFICATE"] = certificatePath;
            options.Environment["AUTHENTIK_TLS__KEY"] = keyPath;
            options.Arguments.Add("config");
            options.Arguments.Add("check");

            var result = await HostProcess.RunAsync(options);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(
                $"  error: 'tls:certificate' (AUTHENTIK_TLS__CERTIFICATE): '{certificatePath}' with key '{keyPath}' could not be loaded (",
                result.StandardOutput,
                StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<X509Certificate2> GetServerCertificateAsync(Uri httpsUri, string serverName)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(httpsUri.Host, httpsUri.Port);
        X509Certificate2? received = null;
#pragma warning disable CA5359 // The test inspects the certificate itself instead of trusting it.
        await using var stream = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
        {
            received = certificate is null ? null : new X509Certificate2(certificate);
            return true;
        });
#pragma warning restore CA5359
        await stream.AuthenticateAsClientAsync(serverName);

        return received ?? throw new InvalidOperationException("The host sent no certificate.");
    }
}
