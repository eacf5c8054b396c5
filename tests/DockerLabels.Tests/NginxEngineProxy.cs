using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.DockerLabels.Tests;

/// <summary>
/// nginx on 127.0.0.1 in front of the Podman socket, on one port with TLS and a required client
/// certificate and on another in plain HTTP, so the tests reach the engine the way
/// <c>tcp://</c> connections do. The CA, server and client certificates are generated per instance.
/// </summary>
internal sealed class NginxEngineProxy : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory;
    private readonly Process _nginx;

    private NginxEngineProxy(string directory, Process nginx, int port, int plainPort)
    {
        _directory = directory;
        _nginx = nginx;
        Url = $"tcp://127.0.0.1:{port}";
        PlainUrl = $"tcp://127.0.0.1:{plainPort}";
    }

    /// <summary>Engine URL with TLS for a service connection.</summary>
    public string Url { get; }

    /// <summary>Engine URL without TLS for a service connection.</summary>
    public string PlainUrl { get; }

    /// <summary>PEM file of the CA that signed the server and client certificates.</summary>
    public string CaFile => Path.Combine(_directory, "ca.pem");

    /// <summary>PEM file with the client certificate and its private key.</summary>
    public string ClientCertificateFile => Path.Combine(_directory, "client.pem");

    /// <summary>PEM file of a CA that signed neither certificate.</summary>
    public string OtherCaFile => Path.Combine(_directory, "other-ca.pem");

    /// <summary>Starts nginx in front of <paramref name="socketPath"/> and waits until it accepts connections.</summary>
    public static async Task<NginxEngineProxy> StartAsync(string socketPath)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"dlt-tls-{Guid.NewGuid():N}"[..20]);
        Directory.CreateDirectory(Path.Combine(directory, "logs"));
        Directory.CreateDirectory(Path.Combine(directory, "tmp"));
        WriteCertificates(directory);

        var port = LoopbackPorts.GetFreePort();
        var plainPort = LoopbackPorts.GetFreePort();
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            daemon off;
            user root;
            pid {{directory}}/nginx.pid;
            worker_processes 1;
            error_log {{directory}}/logs/error.log info;
            events { worker_connections 64; }
            http {
              access_log {{directory}}/logs/access.log;
              client_body_temp_path {{directory}}/tmp/body;  proxy_temp_path {{directory}}/tmp/proxy;
              fastcgi_temp_path {{directory}}/tmp/fastcgi;   uwsgi_temp_path {{directory}}/tmp/uwsgi;
              scgi_temp_path {{directory}}/tmp/scgi;
              server {
                listen 127.0.0.1:{{port}} ssl;
                ssl_certificate {{directory}}/server.pem;
                ssl_certificate_key {{directory}}/server.key;
                ssl_client_certificate {{directory}}/ca.pem;
                ssl_verify_client on;
                client_max_body_size 0;
                location / {
                  proxy_pass http://unix:{{socketPath}}:;
                  proxy_http_version 1.1;
                  proxy_buffering off;
                }
              }
              server {
                listen 127.0.0.1:{{plainPort}};
                client_max_body_size 0;
                location / {
                  proxy_pass http://unix:{{socketPath}}:;
                  proxy_http_version 1.1;
                  proxy_buffering off;
                }
              }
            }
            """);

        var start = new ProcessStartInfo("nginx", ["-p", directory, "-e", Path.Combine(directory, "logs", "error.log"), "-c", "nginx.conf"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var nginx = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var proxy = new NginxEngineProxy(directory, nginx, port, plainPort);
        try
        {
            await proxy.WaitForPortAsync(port);
            await proxy.WaitForPortAsync(plainPort);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_nginx.HasExited)
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }

        _nginx.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_nginx.HasExited)
            {
                var log = await File.ReadAllTextAsync(Path.Combine(_directory, "logs", "error.log"));
                throw new InvalidOperationException($"nginx exited with code {_nginx.ExitCode}: {await _nginx.StandardError.ReadToEndAsync()} {log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static void WriteCertificates(string directory)
    {
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(1);

        using var caKey = RSA.Create(2048);
        using var ca = CreateCaRequest("CN=docker-labels test CA", caKey).CreateSelfSigned(notBefore, notAfter);
        File.WriteAllText(Path.Combine(directory, "ca.pem"), ca.ExportCertificatePem());

        using var otherCaKey = RSA.Create(2048);
        using var otherCa = CreateCaRequest("CN=docker-labels other CA", otherCaKey).CreateSelfSigned(notBefore, notAfter);
        File.WriteAllText(Path.Combine(directory, "other-ca.pem"), otherCa.ExportCertificatePem());

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        alternativeNames.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(alternativeNames.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var server = serverRequest.Create(ca, notBefore, notAfter, [1]);
        File.WriteAllText(Path.Combine(directory, "server.pem"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());

        using var clientKey = RSA.Create(2048);
        var clientRequest = new CertificateRequest("CN=docker-labels client", clientKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var client = clientRequest.Create(ca, notBefore, notAfter, [2]);
        File.WriteAllText(Path.Combine(directory, "client.pem"), client.ExportCertificatePem() + "\n" + clientKey.ExportPkcs8PrivateKeyPem());
    }

    private static CertificateRequest CreateCaRequest(string subject, RSA key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        return request;
    }
}
