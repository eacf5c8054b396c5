namespace Authentik.Plugins.Host.Routing;

/// <summary>Names of the forwarding headers, which <see cref="Microsoft.Net.Http.Headers.HeaderNames"/> lacks.</summary>
internal static class ForwardedHeaderNames
{
    public const string ForwardedFor = "X-Forwarded-For";
    public const string ForwardedProto = "X-Forwarded-Proto";
    public const string ForwardedHost = "X-Forwarded-Host";
    public const string Forwarded = "Forwarded";
    public const string ForwardedScheme = "X-Forwarded-Scheme";
    public const string RealIp = "X-Real-IP";
    public const string ForwardedClientCert = "X-Forwarded-Client-Cert";
    public const string ForwardedTlsClientCert = "X-Forwarded-TLS-Client-Cert";
    public const string SslClientCert = "SSL-Client-Cert";
    public const string PoweredBy = "X-Powered-By";
}
