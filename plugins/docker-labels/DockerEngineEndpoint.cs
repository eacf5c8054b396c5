using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.DockerLabels;

/// <summary>Where and how to reach the Docker engine of one service connection.</summary>
/// <param name="Uri">Engine URL: <c>unix://</c> socket or <c>tcp://</c> address.</param>
/// <param name="TlsCaFile">PEM file of the CA the engine's certificate must chain to, or <see langword="null"/>.</param>
/// <param name="TlsCertificateFile">PEM file with the client certificate and its private key, or <see langword="null"/>.</param>
internal sealed record DockerEngineEndpoint(Uri Uri, string? TlsCaFile, string? TlsCertificateFile)
{
    /// <summary>Engine socket of a connection marked <c>local</c>.</summary>
    public const string LocalSocket = "unix:///var/run/docker.sock";

    /// <summary>Whether the connection uses TLS.</summary>
    public bool UsesTls => TlsCaFile is not null || TlsCertificateFile is not null;

    /// <summary>Returns a name for plans and errors: the connection name with its URL.</summary>
    public static string Describe(ServiceConnectionConfig connection) =>
        $"{connection.Name} ({(connection.Local ? LocalSocket : connection.Url ?? "no url")})";

    /// <summary>Reads the endpoint of <paramref name="connection"/>.</summary>
    /// <exception cref="FormatException">The URL is missing, not absolute, or neither <c>unix</c> nor <c>tcp</c>.</exception>
    public static DockerEngineEndpoint From(ServiceConnectionConfig connection)
    {
        var url = connection.Local ? LocalSocket : connection.Url;
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new FormatException("The Docker connection has no url; set url to unix:///var/run/docker.sock or tcp://host:2376, or set local to true.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp"))
        {
            throw new FormatException($"The Docker connection url '{url}' is invalid; use unix:///path/to/docker.sock or tcp://host:port.");
        }

        var caFile = string.IsNullOrWhiteSpace(connection.TlsCaFile) ? null : connection.TlsCaFile;
        var certificateFile = string.IsNullOrWhiteSpace(connection.TlsCertificateFile) ? null : connection.TlsCertificateFile;
        if (uri.Scheme == "unix" && (caFile is not null || certificateFile is not null))
        {
            throw new FormatException($"The Docker connection url '{url}' is a unix socket, which does not use TLS; remove tls_ca_file and tls_certificate_file or use a tcp:// url.");
        }

        return new DockerEngineEndpoint(uri, caFile, certificateFile);
    }
}
