using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.DockerLabels;

/// <summary>
/// The Traefik labels authentik puts on a proxy outpost's container: one router matching the
/// outpost path prefix on every provider host, and one service with a health check.
/// </summary>
internal static class TraefikLabels
{
    /// <summary>Port the outpost's health check listens on.</summary>
    public const string HealthCheckPort = "9300";

    /// <summary>Port the outpost serves HTTP on.</summary>
    public const string HttpPort = "9000";

    /// <summary>Path of the outpost's health check.</summary>
    public const string HealthCheckPath = OutpostConstants.PathPrefix + "/ping";

    /// <summary>
    /// Builds the labels for <paramref name="containerName"/>. With no providers, authentik writes
    /// the rule <c>() &amp;&amp; PathPrefix(…)</c>, which Traefik rejects; this builder instead
    /// writes only <c>traefik.enable=false</c>, so Traefik ignores a container that serves no host.
    /// </summary>
    /// <exception cref="FormatException">A provider's external host cannot be written into a Traefik rule.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Build(string containerName, IReadOnlyList<ProxyProviderConfig> providers)
    {
        if (providers.Count == 0)
        {
            return [new("traefik.enable", "false")];
        }

        var router = $"traefik.http.routers.{containerName}-router";
        var service = $"traefik.http.services.{containerName}-service";

        return
        [
            new("traefik.enable", "true"),
            new($"{router}.rule", BuildRule(providers)),
            new($"{router}.tls", "true"),
            new($"{router}.service", $"{containerName}-service"),
            new($"{service}.loadbalancer.healthcheck.path", HealthCheckPath),
            new($"{service}.loadbalancer.healthcheck.port", HealthCheckPort),
            new($"{service}.loadbalancer.server.port", HttpPort),
        ];
    }

    /// <summary>
    /// Builds <c>(Host(`a`) || Host(`b`)) &amp;&amp; PathPrefix(`/outpost.goauthentik.io`)</c> over the
    /// host, with its port when the URL names one, of each provider's external host.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="providers"/> is empty.</exception>
    /// <exception cref="FormatException">A provider's external host cannot be written into a Traefik rule.</exception>
    public static string BuildRule(IReadOnlyList<ProxyProviderConfig> providers)
    {
        if (providers.Count == 0)
        {
            throw new ArgumentException("A Traefik rule needs at least one provider host.", nameof(providers));
        }

        var hosts = providers.Select(provider => $"Host(`{GetRuleHost(provider)}`)");

        return $"({string.Join(" || ", hosts)}) && PathPrefix(`{OutpostConstants.PathPrefix}`)";
    }

    /// <summary>
    /// Returns the authority of the provider's external host as written, like Python's
    /// <c>urlparse(url).netloc</c>: a default port the URL names is kept.
    /// </summary>
    /// <exception cref="FormatException">The authority is empty, contains user information or a character a host name cannot contain.</exception>
    public static string GetRuleHost(ProxyProviderConfig provider)
    {
        var url = provider.ExternalHost;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        var authority = end < 0 ? url[start..] : url[start..end];

        // The host is copied into a backtick-quoted Traefik string. Only characters of a DNS name,
        // an IP literal and a port may pass, because anything else could end the string early.
        if (authority.Length == 0 || !authority.All(IsRuleHostCharacter))
        {
            throw new FormatException(
                $"Provider '{provider.Name}' has external_host '{url}', whose host '{authority}' cannot be used in a Traefik rule; use an http(s) URL whose host contains only letters, digits, '-', '.', '_', an optional IPv6 literal in brackets and an optional ':port'.");
        }

        return authority;
    }

    private static bool IsRuleHostCharacter(char character) =>
        char.IsAsciiLetterOrDigit(character) || character is '-' or '.' or '_' or ':' or '[' or ']';
}
