namespace Authentik.Plugins.Host.Configuration;

/// <summary>The <c>tls</c> section: PEM files of the certificate served on the HTTPS listeners.</summary>
internal sealed class TlsOptions
{
    public string? Certificate { get; set; }

    public string? Key { get; set; }
}
